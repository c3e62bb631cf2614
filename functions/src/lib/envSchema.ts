import { z } from 'zod';

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().min(1).optional());

/**
 * The function's configuration, parsed once at start-up so a bad deploy fails on its first
 * request's cold start instead of deep inside a handler. Secrets travel as plain values only on
 * the local stage; a deployed stage names an SSM parameter and reads it at run time.
 */
export const envSchema = z
  .object({
    STAGE: z.string().min(1),
    AWS_REGION: z.string().min(1).default('cn-north-1'),
    TABLE_NAME: z.string().min(1),
    DYNAMODB_ENDPOINT: z.preprocess(emptyAsUndefined, z.url().optional()),
    WECHAT_API_BASE: z.url(),
    WECHAT_APPID: z.string().default(''),
    WECHAT_SECRET: optionalString,
    WECHAT_SECRET_PARAM: optionalString,
    JWT_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, 'JWT_SECRET 至少 32 个字符').optional()),
    JWT_SECRET_PARAM: optionalString,
    /** Key of the HMAC pseudonyms that stand in for user ids in dedupe and limit keys. */
    PSEUDONYM_KEY: z.preprocess(
      emptyAsUndefined,
      z.string().min(32, 'PSEUDONYM_KEY 至少 32 个字符').optional(),
    ),
    PSEUDONYM_KEY_PARAM: optionalString,
    /** Seed of the Ed25519 key that signs workers' 清凉码 (any string ≥ 32 chars; hashed to 32 bytes). */
    COOLING_CODE_KEY: z.preprocess(
      emptyAsUndefined,
      z.string().min(32, 'COOLING_CODE_KEY 至少 32 个字符').optional(),
    ),
    COOLING_CODE_KEY_PARAM: optionalString,
    /** Key of the lookup hashes of ID numbers and of request contents that hold them (lib/lookupHash.ts). */
    LOOKUP_KEY: z.preprocess(emptyAsUndefined, z.string().min(32, 'LOOKUP_KEY 至少 32 个字符').optional()),
    LOOKUP_KEY_PARAM: optionalString,
    /** The local stage's master key that wraps field data keys (any string ≥ 32 chars; hashed to 32 bytes). */
    FIELD_MASTER_KEY: z.preprocess(
      emptyAsUndefined,
      z.string().min(32, 'FIELD_MASTER_KEY 至少 32 个字符').optional(),
    ),
    /** The KMS key that makes field data keys on a deployed stage (the stack's FieldKey). */
    FIELD_KEY_ID: optionalString,
    /**
     * Subscribe-message templates chosen in the mini-program console, per topic; a topic without one
     * is neither offered to users nor sent.
     */
    WECHAT_TEMPLATE_ASSIGNMENT: optionalString,
    WECHAT_TEMPLATE_REMINDER: optionalString,
    WECHAT_TEMPLATE_ALERT_ASSIGNED: optionalString,
    WECHAT_TEMPLATE_ALERT_DUE: optionalString,
    WECHAT_TEMPLATE_SUGGESTION: optionalString,
    /** Which build of the mini-program a message opens: developer, trial or formal (released). */
    WECHAT_MINIPROGRAM_STATE: z.enum(['developer', 'trial', 'formal']).default('formal'),
    TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(7200),
    /** The private bucket of photos (and report exports); deployed, the stack's own bucket. */
    PHOTO_BUCKET: z.string().min(1).default('ankang-local-photos'),
    /** An S3-compatible server (s3rver) on the local stage; empty in AWS, which uses its own endpoint. */
    S3_ENDPOINT: z.preprocess(emptyAsUndefined, z.url().optional()),
    /** The queue of the job that writes a large delivery report export (serverless.yml ExportJobQueue). */
    EXPORT_QUEUE_URL: z.url().default('http://127.0.0.1:9324/000000000000/ankang-local-export-jobs'),
    /** Detail rows up to which an export is written in the request; above it, by the job. */
    EXPORT_INLINE_MAX_ROWS: z.coerce.number().int().min(0).default(2000),
    /** Rows the export job reads per page (its progress is written after each). */
    EXPORT_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(500),
    /** Public searches a minute per signed-in user, and per source IP (a carrier's NAT shares one). */
    SEARCH_LIMIT_PER_USER: z.coerce.number().int().min(1).default(60),
    SEARCH_LIMIT_PER_IP: z.coerce.number().int().min(1).default(240),
    /** The local stack's stand-in for SQS (functions/local/fakeSqs.ts); empty in AWS. */
    SQS_ENDPOINT: z.preprocess(emptyAsUndefined, z.url().optional()),
    DEV_LOGIN: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
  })
  .superRefine((env, ctx) => {
    const local = env.STAGE === 'local';
    if (env.DEV_LOGIN && !local) {
      ctx.addIssue({
        code: 'custom',
        path: ['DEV_LOGIN'],
        message: 'DEV_LOGIN can only be on in the local stage',
      });
    }
    if (!local && (env.JWT_SECRET || env.WECHAT_SECRET || env.PSEUDONYM_KEY || env.COOLING_CODE_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: [
          env.PSEUDONYM_KEY ? 'PSEUDONYM_KEY' : env.COOLING_CODE_KEY ? 'COOLING_CODE_KEY' : 'JWT_SECRET',
        ],
        message: 'plain secrets are for the local stage; deployed stages use *_SECRET_PARAM',
      });
    }
    if (!local && env.S3_ENDPOINT) {
      // The override comes with dummy credentials: a deployed stage must use S3 and its own role.
      ctx.addIssue({ code: 'custom', path: ['S3_ENDPOINT'], message: 'S3_ENDPOINT is for the local stage' });
    }
    if (!local && !env.WECHAT_APPID) {
      ctx.addIssue({
        code: 'custom',
        path: ['WECHAT_APPID'],
        message: 'WECHAT_APPID is required (--param="wechatAppId=…")',
      });
    }
    if (!local && env.SQS_ENDPOINT) {
      ctx.addIssue({
        code: 'custom',
        path: ['SQS_ENDPOINT'],
        message: 'SQS_ENDPOINT is for the local stage only',
      });
    }
    if (!env.JWT_SECRET && !env.JWT_SECRET_PARAM) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET_PARAM'],
        message: 'JWT_SECRET or JWT_SECRET_PARAM is required',
      });
    }
    for (const issue of fieldKeyIssues(env, local)) ctx.addIssue({ code: 'custom', ...issue });
    if (!env.PSEUDONYM_KEY && !env.PSEUDONYM_KEY_PARAM) {
      ctx.addIssue({
        code: 'custom',
        path: ['PSEUDONYM_KEY_PARAM'],
        message: 'PSEUDONYM_KEY or PSEUDONYM_KEY_PARAM is required',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

type KeyVariable = 'LOOKUP_KEY' | 'LOOKUP_KEY_PARAM' | 'FIELD_MASTER_KEY' | 'FIELD_KEY_ID';

/**
 * The keys of sensitive fields: the local stage holds them as plain values (a master key that wraps
 * data keys, a lookup-hash key); a deployed stage must not, and names its KMS key and the SSM
 * parameter of the lookup key instead, so no key material sits in its configuration.
 */
function fieldKeyIssues(
  env: Partial<Record<KeyVariable, string>>,
  local: boolean,
): { path: [KeyVariable]; message: string }[] {
  const plainKeys: KeyVariable[] = ['FIELD_MASTER_KEY', 'LOOKUP_KEY'];
  const required: KeyVariable[] = local ? plainKeys : ['FIELD_KEY_ID', 'LOOKUP_KEY_PARAM'];
  const forbidden = local ? [] : plainKeys.filter((name) => env[name]);
  return [
    ...forbidden.map((name) => ({
      path: [name] as [KeyVariable],
      message: 'plain secrets are for the local stage; deployed stages use KMS and *_PARAM',
    })),
    ...required
      .filter((name) => !env[name])
      .map((name) => ({
        path: [name] as [KeyVariable],
        message: `${name} is required on ${local ? 'the local stage' : 'a deployed stage'}`,
      })),
  ];
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`invalid environment: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
