/**
 * The function environment of the local stage, as serverless.yml's `params.local` gives it to the
 * functions (the same ANKANG_* overrides, the same defaults). The demo households are written with
 * the functions' own builders, sealing and keyed hashes, whose modules read the environment when
 * loaded; the seed process (npm start, a test's global setup) has none of its own.
 */
export function localFunctionEnv(tableName: string): Record<string, string> {
  const from = (name: string, fallback: string) => process.env[name] ?? fallback;
  return {
    STAGE: 'local',
    TABLE_NAME: tableName,
    // Never called by the seed; required by the env schema.
    WECHAT_API_BASE: 'http://127.0.0.1:9',
    JWT_SECRET: from('ANKANG_JWT_SECRET', 'local-only-jwt-secret-not-for-deployment-0001'),
    PSEUDONYM_KEY: from('ANKANG_PSEUDONYM_KEY', 'local-only-pseudonym-key-not-for-deployment-01'),
    FIELD_MASTER_KEY: from('ANKANG_FIELD_MASTER_KEY', 'local-only-field-master-key-not-for-deployment'),
    LOOKUP_KEY: from('ANKANG_LOOKUP_KEY', 'local-only-lookup-key-not-for-deployment-000001'),
  };
}

/**
 * Gives this process the local stage's function settings where it has none (a process that has
 * them, like a test worker, keeps its own), so demo data is sealed and hashed under the keys the
 * API it is served by will use. Only called after the seed guard has accepted the target.
 */
export function provideLocalFunctionEnv(
  tableName: string,
  dynamoEndpoint?: string,
  photoStorage?: { endpoint: string; bucket: string },
): void {
  const settings = {
    ...localFunctionEnv(tableName),
    // The demo alerts are moved through the services, whose table client is the functions' own.
    ...(dynamoEndpoint ? { DYNAMODB_ENDPOINT: dynamoEndpoint } : {}),
    // So are the demo suggestions, whose photos the services check in the local bucket.
    ...(photoStorage ? { S3_ENDPOINT: photoStorage.endpoint, PHOTO_BUCKET: photoStorage.bucket } : {}),
    // The services log each notice they skip (no template locally): noise in `npm start`'s output.
    POWERTOOLS_LOG_LEVEL: 'WARN',
  };
  for (const [name, value] of Object.entries(settings)) {
    process.env[name] ??= value;
  }
}

/** The URL of the endpoint a client talks to (DynamoDB Local's, once the seed guard accepted it). */
export async function endpointUrlOf(client: {
  config: { endpoint?: () => Promise<{ protocol: string; hostname: string; port?: number; path: string }> };
}): Promise<string | undefined> {
  const endpoint = client.config.endpoint ? await client.config.endpoint() : undefined;
  if (!endpoint) return undefined;
  const port = endpoint.port === undefined ? '' : `:${endpoint.port}`;
  return `${endpoint.protocol}//${endpoint.hostname}${port}${endpoint.path.replace(/\/$/, '')}`;
}
