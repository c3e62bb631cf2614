import { z } from 'zod';

/**
 * An org node is keyed by the path of administrative-division codes from the province down,
 * e.g. `320000/320500/320582/daxin` (江苏/苏州/张家港/大新镇). Below the county, segments are
 * lower-case slugs.
 */
export const orgPathSchema = z
  .string()
  .regex(/^\d{6}(\/[0-9a-z-]{2,32}){0,4}$/, '组织路径格式不正确，例如 320000/320500/320582');
export type OrgPath = z.infer<typeof orgPathSchema>;

export const orgLevelSchema = z.enum(['province', 'city', 'county', 'town']);
export type OrgLevel = z.infer<typeof orgLevelSchema>;

export const orgNodeSchema = z.object({
  path: orgPathSchema,
  name: z.string(),
  /** The district or town the union serves, e.g. 张家港市. */
  region: z.string(),
  level: orgLevelSchema,
  parentPath: orgPathSchema.nullable(),
});
export type OrgNode = z.infer<typeof orgNodeSchema>;
