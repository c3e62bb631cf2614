import { z } from 'zod';
import { hardshipPolicyDraftSchema, hardshipPolicySchema } from './hardshipPolicy';
import { orgPathSchema } from './org';
import { safeText } from './text';

/**
 * A policy and where it comes from: the node that set it (`fromOrgPath`), or null for the system
 * default (defaultHardshipPolicy).
 */
export const hardshipPolicySourceSchema = z.object({
  policy: hardshipPolicySchema,
  fromOrgPath: orgPathSchema.nullable(),
  fromOrgName: z.string().nullable(),
});
export type HardshipPolicySource = z.infer<typeof hardshipPolicySourceSchema>;

/** One entry of a node's policy history: a set (with its policy) or a 恢复继承 (policy null). */
export const hardshipPolicyHistoryEntrySchema = z.object({
  version: z.number().int().min(1),
  policy: hardshipPolicySchema.nullable(),
  setByName: z.string(),
  setAt: z.string(),
  note: z.string().optional(),
});
export type HardshipPolicyHistoryEntry = z.infer<typeof hardshipPolicyHistoryEntrySchema>;

/** A node's monitoring policy as the rule page reads it. */
export const hardshipPolicyViewSchema = z.object({
  orgPath: orgPathSchema,
  /** What the node's rules apply now. */
  effective: hardshipPolicySourceSchema,
  /** The node's own setting, null while it inherits. */
  own: z
    .object({
      policy: hardshipPolicySchema,
      setByName: z.string(),
      setAt: z.string(),
      note: z.string().optional(),
      version: z.number().int().min(1),
    })
    .nullable(),
  /** What would apply were the node's own setting cleared: its nearest ancestor's, or the default. */
  inherited: hardshipPolicySourceSchema,
  /**
   * The version the next set or clear must send as `expectedVersion`: 0 before the node ever set
   * one; a cleared node keeps counting, so its history never reuses a number.
   */
  version: z.number().int().min(0),
  /** Newest first, at most 20. */
  history: z.array(hardshipPolicyHistoryEntrySchema),
});
export type HardshipPolicyView = z.infer<typeof hardshipPolicyViewSchema>;

/** The version a set or clear was based on (0: the node has never set one). */
export const policyExpectedVersionSchema = z
  .number({ error: '缺少版本号' })
  .int('版本号须为整数')
  .min(0, '版本号不能小于 0');

export const hardshipPolicyNoteSchema = safeText({ label: '说明', max: 100 });

/** An admin sets a node's whole policy (the form starts from what it inherits). */
export const hardshipPolicySetSchema = z.object({
  orgPath: orgPathSchema,
  expectedVersion: policyExpectedVersionSchema,
  policy: hardshipPolicyDraftSchema,
  note: hardshipPolicyNoteSchema.optional(),
});
export type HardshipPolicySet = z.infer<typeof hardshipPolicySetSchema>;
