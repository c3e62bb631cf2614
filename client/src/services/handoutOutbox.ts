import { type ContractCallInput, createHandout } from '@ankang/shared';
import { call } from './api';
import { enqueue, registerSender } from './outbox';
import { newRequestId } from './stations';

// Kept apart from coolingCodes.ts (the on-device check and its crypto library): the app registers
// this sender at launch from the main package, and the crypto belongs in the scan page's subpackage.

export type NewHandoutBody = ContractCallInput<typeof createHandout>['body'];

/** A client-made hand-out id (`ho_` + 32 hex): the server's idempotency key for every retry. */
export const newHandoutId = () => `ho_${newRequestId().replace(/-/g, '')}`;

/** Saves the hand-out on the phone first, then the outbox sends it (now, or when the signal returns). */
export function queueHandout(body: NewHandoutBody, label: string): Promise<void> {
  return enqueue({ id: body.id, kind: 'handout', label, payload: body });
}

/** Once at app start: who sends 'handout' entries. Retry-safe: the same id answers the first record. */
export function registerHandoutSender(): void {
  registerSender('handout', (payload) => call(createHandout, { body: payload as NewHandoutBody }));
}
