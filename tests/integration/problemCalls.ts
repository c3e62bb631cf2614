import type { MyReport, QueuedProblem } from '@ankang/shared';
import { handler as listMyReports } from '../../functions/src/handlers/listMyReports';
import { handler as listStationProblems } from '../../functions/src/handlers/listStationProblems';
import { handler as reportStationProblem } from '../../functions/src/handlers/reportStationProblem';
import { handler as updateStationProblem } from '../../functions/src/handlers/updateStationProblem';
import { httpEvent, invoke } from '../support/events';

/** The problem-report routes as the integration tests call them. */
export const report = (token: string, stationId: string, body: unknown) =>
  invoke(
    reportStationProblem,
    httpEvent({
      method: 'POST',
      path: `/stations/${stationId}/reports`,
      token,
      params: { id: stationId },
      body,
    }),
  );

export const queueAnswer = (token: string, query: Record<string, string>) =>
  invoke(listStationProblems, httpEvent({ path: '/staff/problems', token, query }));

/** One page of the staff queue (expects a 200). */
export async function queue(token: string, query: Record<string, string>) {
  const answer = await queueAnswer(token, query);
  if (answer.status !== 200)
    throw new Error(`queue answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body as { problems: QueuedProblem[]; nextCursor?: string };
}

export const work = (token: string, id: string, body: unknown) =>
  invoke(
    updateStationProblem,
    httpEvent({ method: 'POST', path: `/staff/problems/${id}`, token, params: { id }, body }),
  );

export const mineAnswer = (token: string, query: Record<string, string> = {}) =>
  invoke(listMyReports, httpEvent({ path: '/me/reports', token, query }));

export async function mine(token: string, query: Record<string, string> = {}) {
  const answer = await mineAnswer(token, query);
  if (answer.status !== 200)
    throw new Error(`mine answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body as { reports: MyReport[]; nextCursor?: string };
}

export const filedReport = (answer: { body: unknown }) =>
  (answer.body as { report: { id: string; problemId: string; state: string } }).report;
