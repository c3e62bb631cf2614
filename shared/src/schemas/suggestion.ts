import { z } from 'zod';
import { orgPathSchema } from './org';
import { photoViewSchema } from './photo';
import { amenitySchema, hostTypeSchema, stationIdSchema, stationLocationSchema } from './station';
import { safeText } from './text';

/**
 * A place a worker found that serves outdoor workers and suggests as a station (建议新增驿站). Staff of
 * its area review it: approving makes a draft station (closed until staff complete and open it),
 * declining gives the suggester a reason.
 */
export const suggestionIdSchema = z.string().regex(/^sg_[0-9a-z]{8,32}$/, '建议编号格式不正确');

export const suggestionStateLabels = {
  pending: '待审核',
  approved: '已采纳',
  declined: '未采纳',
} as const;
export type SuggestionState = keyof typeof suggestionStateLabels;
export const suggestionStateSchema = z.enum(['pending', 'approved', 'declined']);

/** What the worker writes: the one schema behind the form and the route. */
export const suggestionDraftSchema = z.object({
  name: safeText({ label: '名称', min: 2, max: 60 }),
  address: safeText({ label: '地址', min: 2, max: 120 }),
  /** Picked on the map (GCJ-02): it decides which union reviews the suggestion. */
  location: stationLocationSchema,
  /** What kind of place hosts it, when the worker knows. */
  hostType: hostTypeSchema.optional(),
  amenities: z.array(amenitySchema).max(12, '设施最多选 12 项').default([]),
  /** Anything else staff should know (opening hours seen, a contact, how to find it). */
  note: safeText({ label: '补充说明', max: 200, multiline: true }).optional(),
});
export type SuggestionDraft = z.infer<typeof suggestionDraftSchema>;
export type SuggestionDraftInput = z.input<typeof suggestionDraftSchema>;

/** An existing station near a suggested point, named so a duplicate is easy to spot. */
export const nearStationSchema = z.object({
  id: stationIdSchema,
  name: z.string(),
  distanceM: z.number().int().min(0),
});
export type NearStation = z.infer<typeof nearStationSchema>;

/** A suggestion as its suggester and the reviewing staff see it (it never names the suggester). */
export const suggestionSchema = suggestionDraftSchema.extend({
  id: suggestionIdSchema,
  state: suggestionStateSchema,
  /** The union that reviews it, found from the point. */
  orgPath: orgPathSchema,
  orgName: z.string(),
  /** The nearest station within the duplicate distance when it was sent, if any. */
  nearStation: nearStationSchema.nullable(),
  /** The draft station made on approval. */
  stationId: stationIdSchema.nullable(),
  /** Why staff declined it, shown to the suggester. */
  declineReason: z.string().nullable(),
  /** What the worker photographed there (up to 3, time-limited links); on approval they become the draft's gallery. */
  photos: z.array(photoViewSchema),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().min(1),
});
export type Suggestion = z.infer<typeof suggestionSchema>;
