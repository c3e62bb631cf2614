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

/**
 * A box around an org's area in GCJ-02 degrees (south ≤ north, west ≤ east): rough on purpose,
 * enough to catch a map pick in the wrong district without holding boundary polygons.
 */
export const orgBoundsSchema = z
  .object({ south: z.number(), west: z.number(), north: z.number(), east: z.number() })
  .refine((box) => box.south <= box.north && box.west <= box.east, { message: '范围的南北或东西颠倒' });
export type OrgBounds = z.infer<typeof orgBoundsSchema>;

export const orgNodeSchema = z.object({
  path: orgPathSchema,
  name: z.string(),
  /** The district or town the union serves, e.g. 张家港市. */
  region: z.string(),
  level: orgLevelSchema,
  parentPath: orgPathSchema.nullable(),
  /** Where the district lies; sign-ups with a map point are checked against the nearest box above. */
  bounds: orgBoundsSchema.optional(),
});
export type OrgNode = z.infer<typeof orgNodeSchema>;
