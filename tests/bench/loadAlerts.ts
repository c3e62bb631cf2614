/**
 * Hardship alerts for the load bench, made through the API as staff would make them: copies of the
 * demo's 张家港 and 大新镇 households (functions/local/demoHouseholdData.ts, under new file ids and
 * ID numbers) are filed and their visits recorded, and the monitoring rules raise alerts on them as
 * they did on the demo households. Then the actions the bench takes on them (alertMix).
 */

import { randomUUID } from 'node:crypto';
import { idNumberCheckDigit } from '@ankang/shared';
import { type DemoHouseholdSeed, demoHouseholdSeeds } from '../../functions/local/demoHouseholdData';
import { authHeaders, bounded, call, DAXIN, type Outgoing, shanghaiDay, ZJG } from './workload';

const DAY_MS = 86_400_000;
/** Households filed at once: each is a file and 2–4 visits, written one after another. */
const FILING_IN_FLIGHT = 4;

/** The status an alert is in and the version to send with its next transition. */
export interface AlertState {
  id: string;
  status: 'open' | 'acknowledged' | 'inProgress' | 'resolved';
  version: number;
}

const hex32 = () => randomUUID().replace(/-/g, '');
const dayOf = (now: number, daysAgo: number) => shanghaiDay(now - daysAgo * DAY_MS);

/**
 * A fictitious ID number no demo household has: the seed's county, a birth date in 2000 (no demo
 * head is born then) counted from the copy's number, and the GB 11643 check digit.
 */
function idNumber(seed: DemoHouseholdSeed, copy: number): string {
  const birth = new Date(Date.UTC(2000, 0, 1) + copy * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `${seed.id.area}${birth}${String(copy % 1000).padStart(3, '0')}`;
  return `${first17}${idNumberCheckDigit(first17)}`;
}

/** Files one copy of a demo household and records its visits, oldest first, through the API. */
async function fileCopy(apiBase: string, token: string, seed: DemoHouseholdSeed, copy: number, now: number) {
  const { caseworker: _c, id: _id, exitDaysAgo, consent, visits, ...rest } = seed;
  const fileId = `hf_${hex32()}`;
  const firstVisit = Math.max(...visits.map((visit) => visit.daysAgo));
  const filed = await call(apiBase, 'POST', '/staff/hardship/files', token, {
    ...rest,
    id: fileId,
    idNumber: idNumber(seed, copy),
    ...(exitDaysAgo === undefined ? {} : { exitDate: dayOf(now, exitDaysAgo) }),
    consent: { ...consent, date: dayOf(now, firstVisit + 3) },
  });
  if (filed.status !== 201) throw new Error(`filing a household failed: ${JSON.stringify(filed.body)}`);
  const visitIds = visits.map(() => `hv_${hex32()}`);
  for (const [index, visit] of visits.entries()) {
    const { daysAgo, nextInDays, earners, corrects, enteredDaysLater: _later, ...fields } = visit;
    const visitedOn = dayOf(now, daysAgo);
    const recorded = await call(apiBase, 'POST', `/staff/hardship/files/${fileId}/visits`, token, {
      ...fields,
      id: visitIds[index],
      visitedOn,
      nextVisitDue: shanghaiDay(Date.parse(`${visitedOn}T00:00:00Z`) + nextInDays * DAY_MS),
      earners: earners.map(([relation, employment, changedSinceLastVisit]) => ({
        relation,
        employment,
        changedSinceLastVisit,
      })),
      ...(corrects === undefined ? {} : { corrects: visitIds[corrects] }),
    });
    if (recorded.status !== 201)
      throw new Error(`recording a visit failed: ${JSON.stringify(recorded.body)}`);
  }
}

/** Every alert in the staff member's queue with one of the statuses, read page by page. */
async function queue(apiBase: string, token: string, statuses: AlertState['status'][]) {
  const alerts: AlertState[] = [];
  for (const status of statuses) {
    let cursor: string | null = null;
    // The queue pages 20 at a time; 200 pages is far beyond what the bench files.
    for (let page = 0; page < 200; page += 1) {
      const query: string = `status=${status}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const answer = await call(apiBase, 'GET', `/staff/hardship/alerts?${query}`, token);
      if (answer.status !== 200) throw new Error(`listing alerts failed: ${JSON.stringify(answer.body)}`);
      const body = answer.body as { alerts: AlertState[]; nextCursor: string | null };
      alerts.push(...body.alerts.map(({ id, status, version }) => ({ id, status, version })));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
  }
  return alerts;
}

/**
 * Files `households` copies of the demo's 张家港 and 大新镇 households as the 张家港 staff member whose
 * token is given, then returns every unresolved alert in that staff member's queue (the demo's and
 * the new ones), for the bench to move on: open → acknowledged → in progress → resolved.
 */
export async function prepareAlerts(apiBase: string, token: string, households: number, now: number) {
  const seeds = demoHouseholdSeeds.filter((seed) => seed.orgPath === ZJG || seed.orgPath === DAXIN);
  await bounded(
    Array.from(
      { length: households },
      (_, copy) => () => fileCopy(apiBase, token, seeds[copy % seeds.length]!, copy, now),
    ),
    FILING_IN_FLIGHT,
  );
  return queue(apiBase, token, ['open', 'acknowledged', 'inProgress']);
}

/**
 * The alert actions of the load mix, by one staff member: each free alert's next transition (open →
 * acknowledged → in progress → resolved), or a comment (a new id each, so never a retry) when no
 * alert is free to move: all resolved, or the rest with an action in flight.
 */
export function alertMix(alerts: readonly AlertState[], staffToken: string) {
  const ready = [...alerts];
  const commentTargets = alerts.map((alert) => alert.id);
  let commentsSent = 0;
  /** Actions answered with success. */
  const counts = { transitions: 0, comments: 0 };

  return {
    counts,
    next(): { alert?: AlertState; outgoing: Outgoing } {
      const alert = ready.shift();
      if (!alert) {
        const id = commentTargets[commentsSent++ % commentTargets.length];
        const comment = { id: `hc_${hex32()}`, text: '压测：已电话回访，情况稳定。' };
        const path = `/staff/hardship/alerts/${id}/comments`;
        return {
          outgoing: {
            method: 'POST',
            path,
            headers: authHeaders(staffToken, true),
            body: JSON.stringify(comment),
          },
        };
      }
      const { version } = alert;
      const [step, body] =
        alert.status === 'open'
          ? ['acknowledge', { version }]
          : alert.status === 'acknowledged'
            ? ['start', { version, note: '压测：开始核实' }]
            : ['resolve', { version, outcome: { kind: 'noHelp', note: '压测：经核实暂无需帮扶' } }];
      const path = `/staff/hardship/alerts/${alert.id}/${step}`;
      return {
        alert,
        outgoing: {
          method: 'POST',
          path,
          headers: authHeaders(staffToken, true),
          body: JSON.stringify(body),
        },
      };
    },

    answered(alert: AlertState | undefined, status: number, text: string) {
      if (!alert) {
        if (status === 201) counts.comments += 1;
        return;
      }
      // An alert whose action failed is not tried again: load.ts counts the failure.
      if (status !== 200) return;
      counts.transitions += 1;
      const next = JSON.parse(text) as AlertState;
      Object.assign(alert, { status: next.status, version: next.version });
      if (alert.status !== 'resolved') ready.push(alert);
    },
  };
}
