import {
  consentSchema,
  hardshipCategorySchema,
  hardshipCauseSchema,
  hardshipStatusSchema,
  householdIncomeSchema,
  householdMemberSchema,
  maskedIdNumberSchema,
  maskedPhoneSchema,
} from '@ankang/shared';
import { z } from 'zod';
import { sealedSchema } from '../lib/envelope';
import { tableName } from './client';
import { hardshipKeys } from './keys';
import type { TransactItem } from './transactions';

/** The names of the sealed fields of a file. */
export const SEALED_FILE_FIELDS = ['idNumber', 'phone', 'address'] as const;

/**
 * A household file as stored. The ID number, phone and street address are only in `sealed`; the
 * ID number is found by its keyed hash and shown masked. Services turn a record into its views.
 */
export const hardshipFileRecordSchema = z.object({
  id: z.string(),
  orgPath: z.string(),
  orgName: z.string(),
  /** The org node's region (大新镇): what lists show instead of an address. */
  district: z.string(),
  headName: z.string(),
  idHash: z.string(),
  idNumberMasked: maskedIdNumberSchema,
  phoneMasked: maskedPhoneSchema,
  /** Sealed by lib/fieldCrypto (envelope encryption): the only place these fields exist at rest. */
  sealed: sealedSchema,
  /**
   * Keyed hash of the sealed phone and address (services/hardshipRules.ts `sealedContactHash`): an
   * import tells an unchanged row without decrypting. Absent on files written before it existed.
   */
  contactHash: z.string().optional(),
  members: z.array(householdMemberSchema),
  category: hardshipCategorySchema,
  status: hardshipStatusSchema,
  exitDate: z.string().optional(),
  causes: z.array(hardshipCauseSchema),
  income: householdIncomeSchema,
  caseworkerUserId: z.string(),
  caseworkerName: z.string(),
  consent: consentSchema,
  notes: z.string().optional(),
  lastVisitOn: z.string().optional(),
  nextVisitDue: z.string().optional(),
  latest: z
    .object({ perCapitaMonthlyFen: z.number().int(), householdSize: z.number().int(), visitedOn: z.string() })
    .optional(),
  /** keyedHash('content', …) of the create's parsed body: a retry is told from a reused id. */
  contentHash: z.string(),
  /** The same of the last applied edit, so a retried edit is answered rather than refused as stale. */
  editHash: z.string().optional(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().min(1),
  demo: z.literal(true).optional(),
});
export type HardshipFileRecord = z.infer<typeof hardshipFileRecordSchema>;

/** The file's item: the record and its place in its province's org index. Pure. */
export function hardshipFileToItem(record: HardshipFileRecord): Record<string, unknown> {
  return {
    ...hardshipKeys.file(record.id),
    ...hardshipKeys.byOrg(record.orgPath, record.createdAt, record.id),
    type: 'HardshipFile',
    ...record,
  };
}

/** What the ID claim holds: which file has the number, and where it sits (for the scope check). */
export const idClaimSchema = z.object({ fileId: z.string(), orgPath: z.string() });
export type IdClaim = z.infer<typeof idClaimSchema>;

/** The claim on the file's ID number in its province's tree; fails when the number is filed already. */
export function idClaimPut(record: HardshipFileRecord): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...hardshipKeys.idClaim(record.orgPath, record.idHash),
        type: 'HardshipIdClaim',
        fileId: record.id,
        orgPath: record.orgPath,
        ...(record.demo ? { demo: true } : {}),
        version: 1,
        updatedAt: record.createdAt,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * The claim follows its file when an edit moves the file to another node (same province): the
 * claim's org is what the duplicate check's scope answer reads. Conditional on still naming this file.
 */
export function idClaimMove(record: HardshipFileRecord): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: hardshipKeys.idClaim(record.orgPath, record.idHash),
      UpdateExpression: 'SET orgPath = :org, updatedAt = :at ADD version :one',
      ConditionExpression: 'fileId = :file',
      ExpressionAttributeValues: {
        ':org': record.orgPath,
        ':at': record.updatedAt,
        ':file': record.id,
        ':one': 1,
      },
    },
  };
}
