import { now } from '../lib/clock';
import { env } from '../lib/env';

export async function checkHealth() {
  return {
    status: 'ok' as const,
    stage: env.STAGE,
    devLogin: env.DEV_LOGIN && env.STAGE === 'local',
    time: now().toISOString(),
  };
}
