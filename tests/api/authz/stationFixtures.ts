import { randomUUID } from 'node:crypto';
import { pngOf } from '../../support/pngs';
import { sendPhoto } from '../http';
import { ZJG } from './callers';
import type { FixtureContext, FixtureSet } from './fixture';
import {
  adminSuggestion,
  heldComment,
  openProblem,
  pendingSuggestion,
  suggestionBody,
  suggestionPoint,
  zjgStation,
} from './stationSetup';

/**
 * Stations as workers meet them (search, rating, reports, suggestions) and their staff's queues and
 * photos. Read-only routes share one station of 张家港 per run; a route whose success changes its
 * record (a rating, a report, a review, a gallery) gets a fresh one per caller.
 */

const staff = (ctx: FixtureContext) => ctx.token('staffInScope');
/** The run's one station of 张家港 that every caller only reads. */
const sharedStation = (ctx: FixtureContext) => ctx.once('station:shared', () => zjgStation(staff(ctx)));

const photoId = () => `ph_${randomUUID().replace(/-/g, '')}`;
const png = pngOf(1);

/** A photo of a fresh 张家港 station, asked for and sent by 张家港's staff, not yet completed. */
async function sentStationPhoto(ctx: FixtureContext): Promise<string> {
  const station = await zjgStation(staff(ctx));
  return sendPhoto(staff(ctx), { kind: 'station', id: station.id }, png);
}

export const stationFixtures = {
  async nearbyStations(_caller, ctx) {
    const { location } = await sharedStation(ctx);
    return { query: { lat: String(location.lat), lng: String(location.lng), radius: '1000' } };
  },
  async getStation(_caller, ctx) {
    return { params: { id: (await sharedStation(ctx)).id } };
  },
  async searchStations(_caller, ctx) {
    // By its own name within 张家港 (division code 320582): one search each, far below the limit.
    return { query: { q: (await sharedStation(ctx)).name, place: '320582' } };
  },
  async listDistricts() {
    return {};
  },
  async rateStation(_caller, ctx) {
    const station = await zjgStation(staff(ctx));
    return { params: { id: station.id }, body: { stars: 5, tags: [], comment: '水很凉，谢谢工会' } };
  },
  async reportStationProblem(_caller, ctx) {
    const station = await zjgStation(staff(ctx));
    return {
      params: { id: station.id },
      body: { kind: 'dirty', text: '地面有积水，容易滑倒', requestId: randomUUID() },
    };
  },
  async listStationComments(_caller, ctx) {
    return { params: { id: (await sharedStation(ctx)).id } };
  },
  async listHeldComments(_caller, ctx) {
    // One comment waiting in 张家港's queue, so an answer carries a held comment to check.
    await ctx.once('comment:held', () => heldComment(staff(ctx)));
    return { query: { org: ZJG } };
  },
  async reviewComment(_caller, ctx) {
    const held = await heldComment(staff(ctx));
    return { params: { id: held.id }, body: { decision: 'hide', version: held.version } };
  },
  async getStationCode(_caller, ctx) {
    return { params: { id: (await sharedStation(ctx)).id } };
  },
  async listStationProblems(_caller, ctx) {
    await ctx.once('problem:open', () => openProblem(staff(ctx)));
    return { query: { org: ZJG, state: 'new' } };
  },
  async updateStationProblem(_caller, ctx) {
    const problemId = await openProblem(staff(ctx));
    return {
      params: { id: problemId },
      body: { version: 1, state: 'acknowledged', note: '已安排人员送水' },
    };
  },
  async listMyReports() {
    return {};
  },
  async createSuggestion(caller, ctx) {
    const point = await suggestionPoint(staff(ctx));
    return { body: caller === 'admin' ? adminSuggestion : suggestionBody(point) };
  },
  async listMySuggestions() {
    return {};
  },
  async listSuggestions(_caller, ctx) {
    await ctx.once('suggestion:pending', () => pendingSuggestion(staff(ctx)));
    return { query: { org: ZJG, state: 'pending' } };
  },
  async reviewSuggestion(_caller, ctx) {
    const id = await pendingSuggestion(staff(ctx));
    return { params: { id }, body: { version: 1, decision: 'decline', reason: '附近已有驿站' } };
  },
  async createPhotoUpload(_caller, ctx) {
    // A station's photo: the one owner whose photos need a role and a scope (a report's or a
    // suggestion's are anyone's, under an id of their own making).
    const station = await sharedStation(ctx);
    return {
      body: {
        id: photoId(),
        owner: { kind: 'station', id: station.id },
        contentType: 'image/png',
        size: png.length,
      },
    };
  },
  async completePhotoUpload(_caller, ctx) {
    return { params: { id: await sentStationPhoto(ctx) } };
  },
  async getStationPhotos(_caller, ctx) {
    return { params: { id: (await sharedStation(ctx)).id } };
  },
  async updateStationPhotos(_caller, ctx) {
    const station = await zjgStation(staff(ctx));
    return { params: { id: station.id }, body: { photoIds: [], photosVersion: 0 } };
  },
} satisfies FixtureSet;
