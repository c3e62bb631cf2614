import {
  type Consent,
  type ConsentDraft,
  isWithinOrg,
  maskIdNumber,
  maskPhone,
  type OrgNode,
} from '@ankang/shared';
import { getIdClaim } from '../db/hardshipFiles';
import type { HardshipFileRecord } from '../db/hardshipItems';
import { getOrgs } from '../db/orgs';
import { getUser } from '../db/users';
import { AppError } from '../lib/errors';
import { openFields, sealFields } from '../lib/fieldCrypto';
import { keyedContentHash, keyedHash } from '../lib/lookupHash';
import type { Caller } from './caller';
import { isInScope } from './scope';

/** The org node a file is placed at; it must exist (its scope was checked by the pipeline). */
export async function fileOrg(orgPath: string): Promise<OrgNode> {
  const [node] = await getOrgs([orgPath]);
  if (!node) throw new AppError('ORG_NOT_FOUND');
  return node;
}

/**
 * The caseworker of a file and their name: the caller, or a staff member whose node is the file's
 * node or above it and who is inside the caller's scope; anyone else is 422 CASEWORKER_INVALID.
 */
export async function resolveCaseworker(
  caller: Caller,
  userId: string | undefined,
  orgPath: string,
): Promise<{ caseworkerUserId: string; caseworkerName: string }> {
  if (userId === undefined || userId === caller.userId) {
    return { caseworkerUserId: caller.userId, caseworkerName: caller.nickname };
  }
  const user = await getUser(userId);
  const node = user?.roles.includes('staff') ? user.orgPath : null;
  if (!user || node === null || !isWithinOrg(orgPath, node) || !isInScope(caller, node)) {
    throw new AppError('CASEWORKER_INVALID');
  }
  return { caseworkerUserId: user.id, caseworkerName: user.nickname };
}

/**
 * Who keeps a file that moves to `orgPath`: its caseworker while they may still hold it there (staff
 * of the new node or above, in the mover's scope), else the mover, who took the file there.
 */
export async function caseworkerAfterMove(
  caller: Caller,
  current: { caseworkerUserId: string },
  orgPath: string,
): Promise<{ caseworkerUserId: string; caseworkerName: string }> {
  try {
    return await resolveCaseworker(caller, current.caseworkerUserId, orgPath);
  } catch (error) {
    if (error instanceof AppError && error.code === 'CASEWORKER_INVALID')
      return resolveCaseworker(caller, undefined, orgPath);
    throw error;
  }
}

/** The consent as stored: an unchanged one keeps who recorded it and when; a new one is the caller's now. */
export function stampConsent(draft: ConsentDraft, caller: Caller, at: string, previous?: Consent): Consent {
  const same =
    previous !== undefined &&
    previous.givenBy === draft.givenBy &&
    previous.relation === draft.relation &&
    previous.date === draft.date &&
    previous.method === draft.method &&
    previous.scopes.join() === draft.scopes.join();
  if (same) return previous;
  return { ...draft, recordedBy: caller.nickname, recordedAt: at };
}

/** The sensitive fields of a file, sealed under the file's id, with what is kept beside them in the clear. */
export async function protectedFields(
  fileId: string,
  fields: { idNumber: string; phone: string; address: string },
) {
  const [sealed, idHash, contactHash] = await Promise.all([
    sealFields(fileId, fields),
    keyedHash('id', fields.idNumber),
    sealedContactHash(fields),
  ]);
  return {
    sealed,
    idHash,
    contactHash,
    idNumberMasked: maskIdNumber(fields.idNumber),
    phoneMasked: maskPhone(fields.phone),
  };
}

/** What a file's `contactHash` is of: its phone and street address, keyed (never a plain hash). */
export function sealedContactHash(fields: { phone: string; address: string }): Promise<string> {
  return keyedContentHash({ phone: fields.phone, address: fields.address });
}

/** The plaintext ID number, phone and address of a file (decrypting its data key). */
export async function openFile(
  record: HardshipFileRecord,
): Promise<{ idNumber: string; phone: string; address: string }> {
  const { idNumber, phone, address } = await openFields(record.id, record.sealed);
  if (idNumber === undefined || phone === undefined || address === undefined) {
    throw new Error(`hardship file ${record.id} lacks a sealed field`);
  }
  return { idNumber, phone, address };
}

/**
 * The 409 for an ID number filed already in the province's tree: the file's id only when the
 * caller may open that file; otherwise nothing about where or by whom.
 */
export async function duplicateFiling(caller: Caller, record: HardshipFileRecord): Promise<AppError> {
  const claim = await getIdClaim(record.orgPath, record.idHash);
  if (claim && isInScope(caller, claim.orgPath)) {
    return new AppError('HARDSHIP_FILE_EXISTS', { details: { fileId: claim.fileId } });
  }
  return new AppError('HARDSHIP_FILE_EXISTS', { message: '该身份证号码已在其他工会建档，请联系上级工会' });
}
