/**
 * The delivery posts of the load bench (load.ts): new deliveries by the campaign's volunteers, 30%
 * sent again with the same id — a third of those at once, racing the first send, the rest after its
 * answer — and what it takes to show retries never duplicated.
 */

import type { Campaign, Delivery } from '@ankang/shared';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  authHeaders,
  call,
  type DeliveryDraft,
  deliveryDraft,
  type Outgoing,
  storedDeliveries,
} from './workload';

const RETRY_SHARE = 0.3;

/** One delivery id and whether a second send is still to come after the first answer. */
export interface DeliveryJob {
  token: string;
  body: DeliveryDraft;
  sendAgainAfterAnswer: boolean;
}

export function deliveryMix(random: () => number, campaign: Campaign, volunteers: string[], now: number) {
  const sendAgain: DeliveryJob[] = [];
  /** Ids sent and not answered yet (in flight, or cut off by the end of the run). */
  const unanswered = new Map<string, DeliveryJob>();
  const accepted = new Set<string>();
  const firstAnswers = new Map<string, string>();
  /** Second sends of an id, and those that went while the first send had no answer yet. */
  const resends = { total: 0, whileFirstInFlight: 0 };
  let mismatched = 0;
  let created = 0;

  return {
    /** The next post: a second send when one is due (a racing one then overlaps the first), else a new delivery. */
    next(): { job: DeliveryJob; outgoing: Outgoing } {
      let job = sendAgain.shift();
      if (job) {
        resends.total += 1;
        if (unanswered.has(job.body.id)) resends.whileFirstInFlight += 1;
      } else {
        const retried = random() < RETRY_SHARE;
        const racing = retried && random() < 1 / 3;
        job = {
          token: volunteers[created++ % volunteers.length]!,
          body: deliveryDraft(random, campaign, now),
          sendAgainAfterAnswer: retried && !racing,
        };
        if (racing) sendAgain.push(job);
      }
      unanswered.set(job.body.id, job);
      const outgoing: Outgoing = {
        method: 'POST',
        path: '/deliveries',
        headers: authHeaders(job.token, true),
        body: JSON.stringify(job.body),
      };
      return { job, outgoing };
    },

    answered(job: DeliveryJob, status: number, text: string) {
      unanswered.delete(job.body.id);
      if (status === 201) {
        accepted.add(job.body.id);
        // Every answer for one id must be the same record.
        const record = JSON.stringify(JSON.parse(text) as Delivery);
        const first = firstAnswers.get(job.body.id);
        if (first === undefined) firstAnswers.set(job.body.id, record);
        else if (first !== record) mismatched += 1;
      }
      if (job.sendAgainAfterAnswer) {
        job.sendAgainAfterAnswer = false;
        sendAgain.push(job);
      }
    },

    /**
     * After the run: posts cut off by its end may or may not have landed, and the phone's queue
     * would send them again, so this does (one at a time); then every id sent has an answer. Then
     * the campaign's records, counted on its queue index, must be exactly the ids accepted.
     */
    async settle(apiBase: string, db: DynamoDBDocumentClient) {
      const cutOff = [...unanswered.values()];
      let errors5xx = 0;
      for (const job of cutOff) {
        const answer = await call(apiBase, 'POST', '/deliveries', job.token, job.body);
        if (answer.status === 201) accepted.add(job.body.id);
        else if (answer.status >= 500) errors5xx += 1;
      }
      const records = await storedDeliveries(db, campaign.id);
      const storedIds = new Set(records.map((record) => record.id));
      const noDuplicates = records.length === accepted.size && [...accepted].every((id) => storedIds.has(id));
      return {
        resent: resends.total,
        racing: resends.whileFirstInFlight,
        accepted: accepted.size,
        stored: records.length,
        cutOffResent: cutOff.length,
        cutOff5xx: errors5xx,
        mismatched,
        noDuplicates,
      };
    },
  };
}
