import { z } from 'zod';
import { orgPathSchema } from './org';
import { photoIdSchema, photoViewSchema } from './photo';
import { stationIdSchema } from './station';
import { reportIdSchema, reportKindSchema, reportStateSchema } from './stationViews';

/**
 * A problem at a station: every report of one kind at one station while it is open (new or
 * acknowledged) belongs to one problem, so staff see "3 人反映" once and answer everyone at once.
 * Resolving it closes it; the next report of that kind opens a new problem.
 */
export const problemIdSchema = z.string().regex(/^pb_[0-9a-z]{8,40}$/, '问题编号格式不正确');

/** How many of a problem's latest reports it keeps for the queue (text, time, photos). */
export const PROBLEM_RECENT_REPORTS = 3;

/** One report as the staff queue shows it inside its problem: no reporter. */
export const problemReportSchema = z.object({
  id: reportIdSchema,
  text: z.string(),
  createdAt: z.string(),
  photoIds: z.array(photoIdSchema).default([]),
});

export const stationProblemSchema = z.object({
  id: problemIdSchema,
  stationId: stationIdSchema,
  stationName: z.string(),
  /** The station's org; moves with the station while the problem is open. */
  orgPath: orgPathSchema,
  kind: reportKindSchema,
  state: reportStateSchema,
  /** Staff's answer, shown to everyone who reported the problem. */
  note: z.string().nullable(),
  /** How many people reported it (one report per person and problem). */
  reportCount: z.number().int().min(1),
  /** The latest reports, newest first, at most PROBLEM_RECENT_REPORTS. */
  recent: z.array(problemReportSchema).max(PROBLEM_RECENT_REPORTS),
  openedAt: z.string(),
  lastReportedAt: z.string(),
  /** When staff last acknowledged or resolved it. */
  handledAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type StationProblem = z.infer<typeof stationProblemSchema>;

/** A problem in the staff queue: the latest reports' photos as links. */
export const queuedProblemSchema = stationProblemSchema.extend({
  recent: z.array(problemReportSchema.omit({ photoIds: true }).extend({ photos: z.array(photoViewSchema) })),
});
export type QueuedProblem = z.infer<typeof queuedProblemSchema>;

/** 我的反馈: one of the caller's own reports and how staff answered its problem. */
export const myReportSchema = z.object({
  id: reportIdSchema,
  stationId: stationIdSchema,
  stationName: z.string(),
  kind: reportKindSchema,
  text: z.string(),
  createdAt: z.string(),
  photos: z.array(photoViewSchema),
  state: reportStateSchema,
  /** Staff's answer, or null before they wrote one. */
  note: z.string().nullable(),
  handledAt: z.string().nullable(),
  /** How many people reported the same problem, the caller included. */
  reportCount: z.number().int().min(1),
});
export type MyReport = z.infer<typeof myReportSchema>;
