import { getItems } from './batchGet';
import {
  type HardshipFileRecord,
  hardshipFileRecordSchema,
  type IdClaim,
  idClaimSchema,
} from './hardshipItems';
import { hardshipKeys } from './keys';

/** A claimed ID number and its file (null when the claim outlived its file). */
export interface IdHolder {
  claim: IdClaim;
  file: HardshipFileRecord | null;
}

/**
 * Which files hold these ID numbers (by keyed hash) in the province tree of `orgPath`, keyed by
 * hash; a hash nobody holds is left out. Two rounds of batch reads however many numbers (an
 * import's whole file): never one read per row.
 */
export async function getFilesByIdHashes(
  orgPath: string,
  idHashes: string[],
): Promise<Map<string, IdHolder>> {
  const hashOfKey = new Map(idHashes.map((hash) => [hardshipKeys.idClaim(orgPath, hash).pk, hash]));
  const claims = (await getItems(idHashes.map((hash) => hardshipKeys.idClaim(orgPath, hash)))).map(
    (item) => ({
      hash: hashOfKey.get(item.pk as string)!,
      claim: idClaimSchema.parse(item),
    }),
  );
  const files = new Map(
    (await getItems([...new Set(claims.map((c) => c.claim.fileId))].map((id) => hardshipKeys.file(id)))).map(
      (item) => {
        const file = hardshipFileRecordSchema.parse(item);
        return [file.id, file] as const;
      },
    ),
  );
  return new Map(claims.map(({ hash, claim }) => [hash, { claim, file: files.get(claim.fileId) ?? null }]));
}
