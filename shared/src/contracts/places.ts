import { z } from 'zod';
import { placeCodeSchema, placeSchema } from '../schemas/place';
import { openToAll } from './authz';
import { defineContract } from './define';

export const PLACE_SEARCH_MAX = 20;

export const listPlaces = defineContract({
  name: 'listPlaces',
  summary: '行政区划：省、市、区县、乡镇/街道（按上级列出，或按名称搜索）',
  method: 'GET',
  path: '/places',
  access: 'public',
  authz: openToAll,
  query: z.object({
    /** The children of this place; the provinces when absent. */
    parent: placeCodeSchema.optional(),
    /** Places whose name holds this text, at most 20, names that begin with it first. */
    q: z.preprocess(
      (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
      z.string().trim().min(1).max(20, '地名最多 20 个字').optional(),
    ),
  }),
  output: z.object({ places: z.array(placeSchema) }),
  errors: ['PLACE_NOT_FOUND'],
});
