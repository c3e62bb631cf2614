import { getMe, type Me } from '@ankang/shared';
import { call } from './api';
import { updateSessionMe } from './session';

let inFlight: Promise<Me> | null = null;

/**
 * Who I am now (roles and org can change after sign-in); the stored session is kept in step.
 * Both tab pages ask at launch; they share one request.
 */
export function fetchMe(): Promise<Me> {
  inFlight ??= call(getMe, {})
    .then((me) => {
      updateSessionMe(me);
      return me;
    })
    .finally(() => {
      inFlight = null;
    });
  return inFlight;
}
