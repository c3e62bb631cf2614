import { parseEnv } from './envSchema';

export type { Env } from './envSchema';

/** The function's configuration, parsed once when the container starts. */
export const env = parseEnv(process.env);
