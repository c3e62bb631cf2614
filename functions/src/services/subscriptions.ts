import { type NotificationTopic, notificationTopics } from '@ankang/shared';
import { addConsents, type ConsentCounts, getConsentCounts } from '../db/subscriptions';
import { now } from '../lib/clock';
import { pseudonym } from '../lib/pseudonym';
import type { Caller } from './caller';
import { templateIdOf } from './notifier';

/**
 * Unused consents kept per topic: WeChat's one-time subscriptions allow one message per accepted
 * dialog, and a volunteer who taps "允许" on every visit should not bank an unbounded supply.
 */
const CONSENT_CAP = 10;
/** How long a dialog's request id is remembered against a repeated post. */
const REQUEST_MEMORY_S = 7 * 86_400;

type Subscriptions = {
  subscriptions: { topic: NotificationTopic; templateId: string | null; remaining: number }[];
};

function view(counts: ConsentCounts): Subscriptions {
  return {
    subscriptions: notificationTopics.map((topic) => ({
      topic,
      templateId: templateIdOf(topic),
      remaining: counts[topic],
    })),
  };
}

/** The templates to ask consent for (null: not configured here) and the consents not yet used. */
export async function getSubscriptions(caller: Caller): Promise<Subscriptions> {
  return view(await getConsentCounts(caller.userId));
}

/**
 * Records what the user answered in one wx.requestSubscribeMessage dialog: one consent per topic
 * they accepted, up to CONSENT_CAP. A repeated post of the same dialog (its request id) counts
 * nothing more; rejections and bans count nothing (WeChat will refuse those sends anyway).
 */
export async function recordSubscriptions(
  caller: Caller,
  body: { requestId: string; results: { topic: NotificationTopic; result: string }[] },
): Promise<Subscriptions> {
  const accepted = [
    ...new Set(body.results.filter((entry) => entry.result === 'accept').map((entry) => entry.topic)),
  ];
  const requestKey = await pseudonym('consentRequest', caller.userId, body.requestId);
  // A count raced to the cap meanwhile: read again and add to the topics still below it.
  for (let round = 0; round < 3; round += 1) {
    const counts = await getConsentCounts(caller.userId);
    const topics = accepted.filter((topic) => counts[topic] < CONSENT_CAP);
    if (topics.length === 0) return view(counts);
    const at = now();
    const outcome = await addConsents({
      userId: caller.userId,
      topics,
      requestKey,
      cap: CONSENT_CAP,
      at: at.toISOString(),
      expiresAt: Math.floor(at.getTime() / 1000) + REQUEST_MEMORY_S,
    });
    if (outcome === 'added' || outcome === 'duplicate') break;
  }
  return view(await getConsentCounts(caller.userId));
}
