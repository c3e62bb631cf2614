import { registerDeliverySenders } from './deliveryOutbox';
import { startOutbox } from './outbox';

/**
 * At app launch: every sender registered, then the outbox started, so a queue left by a killed app
 * goes out on the next start (senders of other kinds may register later; their entries wait).
 */
export function startOfflineOutbox(): void {
  registerDeliverySenders();
  startOutbox();
}
