import { isWithinOrg, perCapitaMonthlyFen, type VisitCreate, visitCreateSchema } from '@ankang/shared';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { HardshipFileRecord } from '../src/db/hardshipItems';
import { placeOf, type VisitPlace, type VisitRecord } from '../src/db/hardshipVisitItems';
import { fileAfterVisit, visitTransaction } from '../src/db/hardshipVisits';
import { keyedContentHash } from '../src/lib/lookupHash';
import type { Caller } from '../src/services/caller';
import { fileAudit } from '../src/services/hardshipFiles';
import { shanghaiDateAfter } from './demoCampaigns';
import { type DemoVisitSeed, demoPovertyLines } from './demoHouseholdData';
import { demoItemIn, transactIfAbsent } from './seedWrites';

const DAY_MS = 86_400_000;

/** A fixed visit id per household and visit (`hv_` + 32 hex), so a second seed finds the first's. */
export function demoVisitId(household: number, visit: number): string {
  const n = (value: number) => String(value + 1).padStart(2, '0');
  return `hv_de${n(household)}${n(visit)}`.padEnd(35, '0');
}

/** YYYY-MM-DD `days` after a date, by calendar arithmetic. */
function dateAfter(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The 低保 line in force on `date` for `orgPath` among the demo's lines: the deepest node that has
 * one, its latest from that date or before (the rule of services/povertyLines.ts).
 */
export function demoLineOn(orgPath: string, date: string): number | undefined {
  const applicable = demoPovertyLines
    .filter((line) => isWithinOrg(orgPath, line.orgPath) && line.effectiveFrom <= date)
    .sort((a, b) => b.orgPath.length - a.orgPath.length || b.effectiveFrom.localeCompare(a.effectiveFrom));
  return applicable[0]?.monthlyFen;
}

/** The create body a visitor would have sent, checked by the API's own schema. */
function visitBody(household: number, index: number, seed: DemoVisitSeed, at: Date): VisitCreate {
  const { daysAgo, nextInDays, earners, corrects, enteredDaysLater: _later, ...rest } = seed;
  const visitedOn = shanghaiDateAfter(at, -daysAgo);
  return visitCreateSchema.parse({
    ...rest,
    id: demoVisitId(household, index),
    visitedOn,
    nextVisitDue: dateAfter(visitedOn, nextInDays),
    earners: earners.map(([relation, employment, changedSinceLastVisit]) => ({
      relation,
      employment,
      changedSinceLastVisit,
    })),
    ...(corrects === undefined ? {} : { corrects: demoVisitId(household, corrects) }),
  });
}

/** One demo visit as the API would store it, with where the visit it corrects sits. */
export interface DemoVisitWrite {
  record: VisitRecord;
  corrected?: VisitPlace;
}

/**
 * A household's visits, in the order they were entered: each recorded in the afternoon of its
 * visit day (a correction the day after), by the household's caseworker.
 */
export async function demoVisitRecords(
  household: number,
  file: HardshipFileRecord,
  seeds: readonly DemoVisitSeed[],
  visitor: Caller,
  at: Date,
): Promise<DemoVisitWrite[]> {
  const records: VisitRecord[] = [];
  for (const [index, seed] of seeds.entries()) {
    const body = visitBody(household, index, seed, at);
    const entered = new Date(
      Date.parse(`${body.visitedOn}T16:30:00+08:00`) + (seed.enteredDaysLater ?? 0) * DAY_MS,
    ).toISOString();
    const line = demoLineOn(file.orgPath, body.visitedOn);
    records.push({
      ...body,
      fileId: file.id,
      perCapitaMonthlyFen: perCapitaMonthlyFen(body),
      ...(line === undefined ? {} : { povertyLineFen: line }),
      visitorUserId: visitor.userId,
      visitorName: visitor.nickname,
      contentHash: await keyedContentHash({ fileId: file.id, ...body }),
      createdAt: entered,
      updatedAt: entered,
      version: 1,
      demo: true,
    });
  }
  const byId = new Map(records.map((record) => [record.id, record]));
  return records
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((record) => {
      const corrected = record.corrects ? byId.get(record.corrects) : undefined;
      return corrected ? { record, corrected: placeOf(corrected) } : { record };
    });
}

/**
 * Writes a household's visits one transaction each, as the API does (claim, visit, the file's
 * last visit and figures, audit event, correction link). A visit already seeded writes nothing.
 * Returns how many were new.
 */
export async function seedDemoVisits(
  db: DynamoDBDocumentClient,
  tableName: string,
  file: HardshipFileRecord,
  writes: readonly DemoVisitWrite[],
  visitor: Caller,
): Promise<number> {
  let lastVisitOn = file.lastVisitOn;
  let written = 0;
  for (const { record, corrected } of writes) {
    const advances = lastVisitOn === undefined || lastVisitOn <= record.visitedOn;
    if (advances) lastVisitOn = record.visitedOn;
    const action = corrected ? 'correctVisit' : 'recordVisit';
    const items = visitTransaction(record, {
      corrected,
      file: fileAfterVisit(record, advances),
      audit: fileAudit(visitor, file, action, record.createdAt),
    });
    written += await transactIfAbsent(
      db,
      items.map((item) => demoItemIn(tableName, item)),
    );
  }
  return written;
}
