import {
  allowanceItem,
  type Campaign,
  type CoolingAllowance,
  coolingCodeReasonLabels,
  type Handout,
  type HandoutDraft,
  shanghaiDate,
  verifyCoolingCode,
} from '@ankang/shared';
import { getCampaignById } from '../db/campaigns';
import { retryOnConflict } from '../db/conflictRetry';
import { type HandoutRecord, handoutTally, handoutView } from '../db/handoutItems';
import { getAllowanceCount, getHandoutRecord, insertHandout, listHandoutsOfRecorder } from '../db/handouts';
import { tallyUpdate } from '../db/tallies';
import { now } from '../lib/clock';
import { contentHash } from '../lib/contentHash';
import { coolingVerifyKeys } from '../lib/coolingKeys';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { type HandoutSite, resolveHandoutSite } from './handoutPlace';

/** A phone's clock may run this far ahead of the server's. */
const FUTURE_SKEW_MS = 2 * 60_000;
/** Rounds of "read the worker's count, write if unchanged" before giving up (each lost to a real write). */
const COUNT_ROUNDS = 5;
const PAGE = 20;

/** Same id, same content, same recorder: the first result. Anything else reusing the id: 409. */
function answerRetry(existing: HandoutRecord, caller: Caller, hash: string): Handout {
  if (existing.contentHash !== hash || existing.recorderUserId !== caller.userId) {
    throw new AppError('REQUEST_ID_REUSED');
  }
  return handoutView(existing);
}

async function loadAllowanceCampaign(
  id: string,
): Promise<{ campaign: Campaign; allowance: CoolingAllowance }> {
  const campaign = await getCampaignById(id);
  if (!campaign || campaign.status === 'draft') throw new AppError('CAMPAIGN_NOT_FOUND');
  if (campaign.status === 'archived') {
    throw new AppError('INVALID_TRANSITION', { message: '活动已归档，不能再记录发放' });
  }
  if (!campaign.coolingAllowance) throw new AppError('NO_ALLOWANCE');
  return { campaign, allowance: campaign.coolingAllowance };
}

/** The Shanghai day the hand-out counts on; refused when in the future or outside the season. */
function dayOf(handedAt: string, campaign: Campaign): string {
  const at = new Date(handedAt);
  const date = shanghaiDate(at);
  if (at.getTime() > now().getTime() + FUTURE_SKEW_MS) {
    throw new AppError('OUTSIDE_SEASON', { message: '发放时间晚于当前时间，请检查手机时间' });
  }
  if (date < campaign.season.from || date > campaign.season.to) {
    throw new AppError('OUTSIDE_SEASON', {
      message: `发放日期须在活动期间（${campaign.season.from} 至 ${campaign.season.to}）`,
    });
  }
  return date;
}

/** The worker's pseudonym from a code that was valid when it was handed out. */
async function verifiedPseudonym(code: string, handedAt: string): Promise<string> {
  const verdict = verifyCoolingCode(code, await coolingVerifyKeys(), Date.parse(handedAt));
  if (!verdict.valid) {
    throw new AppError('COOLING_CODE_INVALID', {
      message: `清凉码${coolingCodeReasonLabels[verdict.reason]}`,
    });
  }
  return verdict.claims.pseudonym;
}

interface NewHandout {
  body: HandoutDraft;
  hash: string;
  campaign: Campaign;
  allowance: CoolingAllowance;
  site: HandoutSite;
  pseudonym: string;
  date: string;
}

function recordFor(caller: Caller, parts: NewHandout, countThatDay: number, at: string): HandoutRecord {
  const { body, allowance, campaign, site } = parts;
  const item = allowanceItem(campaign, allowance);
  if (!item) throw new Error(`campaign ${campaign.id} allowance names no catalog item`);
  const over = countThatDay > allowance.perWorkerPerDay;
  return {
    id: body.id,
    campaignId: campaign.id,
    workerTag: parts.pseudonym.slice(0, 6),
    kind: allowance.kind,
    item: allowance.item,
    itemName: item.name,
    unit: item.unit,
    quantity: 1,
    moneyFen: item.unitCostFen ?? 0,
    handedAt: new Date(body.handedAt).toISOString(),
    date: parts.date,
    place: body.place.type === 'adHoc' ? { type: 'adHoc' } : body.place,
    placeName: site.placeName,
    orgPath: site.orgPath,
    recorderName: site.recorderName,
    mode: body.mode,
    countThatDay,
    flags: over ? ['overAllowance'] : [],
    review: { status: over ? 'pending' : 'none' },
    version: 1,
    createdAt: at,
    pseudonym: parts.pseudonym,
    recorderUserId: caller.userId,
    contentHash: parts.hash,
  };
}

/**
 * Records one allowance item handed to the worker whose 清凉码 was scanned. The code must have been
 * valid when it was handed out (a queued record arrives late, its code long expired). The worker's
 * day count, the record and the dashboard tallies are written in one transaction, and the count
 * only moves from the value just read, so racing scans never hand out more than the allowance
 * live. Beyond the allowance a live scan is refused (409 ALLOWANCE_EXCEEDED, nothing stored); a
 * queued one — already handed out offline — is stored and flagged for staff to review. The same id
 * again with the same content answers the first record; with other content it is REQUEST_ID_REUSED.
 */
export async function createHandout(caller: Caller, body: HandoutDraft): Promise<Handout> {
  const hash = contentHash(body);
  const existing = await getHandoutRecord(body.id);
  if (existing) return answerRetry(existing, caller, hash);
  const { campaign, allowance } = await loadAllowanceCampaign(body.campaignId);
  const site = await resolveHandoutSite(caller, campaign, body.place);
  const date = dayOf(body.handedAt, campaign);
  const pseudonym = await verifiedPseudonym(body.code, body.handedAt);
  const parts: NewHandout = { body, hash, campaign, allowance, site, pseudonym, date };

  for (let round = 0; round < COUNT_ROUNDS; round += 1) {
    const seen = await getAllowanceCount(campaign.id, pseudonym, date);
    if (body.mode === 'live' && seen >= allowance.perWorkerPerDay) {
      // A copy of this same request may be what used the last slot: then this is its retry.
      const first = await getHandoutRecord(body.id);
      if (first) return answerRetry(first, caller, hash);
      throw new AppError('ALLOWANCE_EXCEEDED', {
        message: `该职工今日已领 ${seen} 份，已达每人每天 ${allowance.perWorkerPerDay} 份的额度`,
      });
    }
    const record = recordFor(caller, parts, seen + 1, now().toISOString());
    const outcome = await retryOnConflict(() =>
      insertHandout(record, seen, tallyUpdate(campaign, handoutTally(record, 1))),
    );
    if (outcome === 'saved') return handoutView(record);
    if (outcome === 'exists') {
      const first = await getHandoutRecord(body.id);
      if (!first) throw new Error(`handout ${body.id} exists but cannot be read`);
      return answerRetry(first, caller, hash);
    }
    // 'countMoved': another hand-out to this worker landed first; read the count again.
  }
  throw new AppError('VERSION_CONFLICT', { message: '该职工的发放记录正被同时修改，请稍后重试' });
}

/** The caller's hand-outs in one campaign, newest first. */
export async function listMyHandouts(
  caller: Caller,
  query: { campaignId: string; cursor?: string },
): Promise<{ handouts: Handout[]; nextCursor: string | null }> {
  const page = await listHandoutsOfRecorder(caller.userId, query.campaignId, {
    limit: PAGE,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return { handouts: page.records.map((record) => handoutView(record)), nextCursor: page.nextCursor };
}
