import type { NotificationTopic } from '@ankang/shared';
import { claimNotification, settleNotification } from '../db/notifications';
import { clearConsents, returnConsent, takeConsent } from '../db/subscriptions';
import { getUser } from '../db/users';
import { now } from '../lib/clock';
import { env } from '../lib/env';
import { logger } from '../lib/logger';
import { sendSubscribeMessage } from './wechatMessages';

/** The console's template id for each topic, or null when the stage has none configured. */
export function templateIdOf(topic: NotificationTopic): string | null {
  const configured = {
    assignment: env.WECHAT_TEMPLATE_ASSIGNMENT,
    reminder: env.WECHAT_TEMPLATE_REMINDER,
    alertAssigned: env.WECHAT_TEMPLATE_ALERT_ASSIGNED,
    alertDue: env.WECHAT_TEMPLATE_ALERT_DUE,
    suggestionOutcome: env.WECHAT_TEMPLATE_SUGGESTION,
  } satisfies Record<NotificationTopic, string | undefined>;
  return configured[topic] ?? null;
}

/** Sends of one event after which a failing one is given up. */
const MAX_ATTEMPTS = 3;

/** One message about one event (e.g. "task X given to volunteer Y", "reminder for X on D"). */
export interface Notice {
  /** Names the event: the same event always has the same key, so it is sent at most once. */
  eventKey: string;
  topic: NotificationTopic;
  userId: string;
  /** The mini-program page the message opens, with its query. */
  page: string;
  /** The template's fields by keyword (thing1, date2 …). */
  data: Record<string, string>;
  /** Epoch seconds after which the record of the event may expire. */
  expiresAt: number;
}

export type NoticeOutcome =
  | 'sent'
  /** Claimed before (sent, refused, in flight, or failed too often): nothing done now. */
  | 'duplicate'
  /** The user holds no unused consent for the topic (or WeChat says so): not sent. */
  | 'no-consent'
  /** No template for the topic on this stage. */
  | 'not-configured'
  | 'no-user'
  /** Not delivered; a later retry of the same event may send it. */
  | 'failed';

/**
 * Sends a notice at most once, and only on the user's consent. The event is claimed first (one
 * conditional write), then one consent is spent, then WeChat is called; the claim records the
 * outcome. A failed send returns the consent and leaves the claim open for the next retry (up to
 * MAX_ATTEMPTS sends); a claim whose process died between claiming and settling stays `sending`
 * and is not retried — a missing message is better than a double one. Never throws: callers send
 * after their own write has committed, and a notification never undoes or fails it.
 */
export async function notify(notice: Notice): Promise<NoticeOutcome> {
  try {
    const outcome = await deliver(notice);
    logger.info('notification', { eventKey: notice.eventKey, outcome });
    return outcome;
  } catch (error) {
    logger.error('notification failed', { eventKey: notice.eventKey, error });
    return 'failed';
  }
}

async function deliver(notice: Notice): Promise<NoticeOutcome> {
  const templateId = templateIdOf(notice.topic);
  if (!templateId) return 'not-configured';
  const user = await getUser(notice.userId);
  if (!user) return 'no-user';
  const claimed = await claimNotification({
    eventKey: notice.eventKey,
    topic: notice.topic,
    at: now().toISOString(),
    expiresAt: notice.expiresAt,
    maxAttempts: MAX_ATTEMPTS,
  });
  if (!claimed) return 'duplicate';

  let sendStarted = false;
  try {
    if (!(await takeConsent(notice.userId, notice.topic, now().toISOString()))) {
      await settleNotification(notice.eventKey, { state: 'no-consent' }, now().toISOString());
      return 'no-consent';
    }
    sendStarted = true;
    const sent = await sendSubscribeMessage({
      touser: user.openid,
      templateId,
      page: notice.page,
      data: notice.data,
    });
    const at = now().toISOString();
    if (sent.result === 'sent') {
      await settleNotification(notice.eventKey, { state: 'sent' }, at);
      return 'sent';
    }
    if (sent.result === 'no-consent') {
      // WeChat holds no consent for this user and template (withdrawn in settings): ours follows.
      await clearConsents(notice.userId, notice.topic, at);
      await settleNotification(notice.eventKey, { state: 'no-consent', errcode: sent.errcode }, at);
      return 'no-consent';
    }
    await returnConsent(notice.userId, notice.topic, at);
    await settleNotification(notice.eventKey, { state: 'failed', errcode: sent.errcode }, at);
    return 'failed';
  } catch (error) {
    // Before the send, the event may be tried again; once the send began, it may have arrived.
    if (!sendStarted) {
      await settleNotification(notice.eventKey, { state: 'failed' }, now().toISOString()).catch(() => {});
    }
    throw error;
  }
}
