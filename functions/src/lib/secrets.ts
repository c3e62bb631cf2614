import { getParameter } from '@aws-lambda-powertools/parameters/ssm';
import { env } from './env';

type SecretName = 'jwt' | 'wechat' | 'pseudonym' | 'coolingCode' | 'lookup';

const sources: Record<SecretName, { value?: string; param?: string }> = {
  jwt: { value: env.JWT_SECRET, param: env.JWT_SECRET_PARAM },
  wechat: { value: env.WECHAT_SECRET, param: env.WECHAT_SECRET_PARAM },
  /** Keys the HMAC pseudonyms of users in dedupe and limit keys (lib/pseudonym.ts). */
  pseudonym: { value: env.PSEUDONYM_KEY, param: env.PSEUDONYM_KEY_PARAM },
  /** Seeds the Ed25519 key that signs 清凉码 (lib/coolingKeys.ts). */
  coolingCode: { value: env.COOLING_CODE_KEY, param: env.COOLING_CODE_KEY_PARAM },
  /** Keys the lookup hashes of ID numbers and request contents (lib/lookupHash.ts). */
  lookup: { value: env.LOOKUP_KEY, param: env.LOOKUP_KEY_PARAM },
};

/**
 * A secret's value: from the environment on the local stage, otherwise from SSM Parameter Store
 * (SecureString, decrypted), cached for the container's life.
 */
export async function readSecret(name: SecretName): Promise<string> {
  const source = sources[name];
  if (source.value) return source.value;
  if (!source.param) throw new Error(`secret ${name} is not configured`);
  const value = await getParameter(source.param, { decrypt: true, maxAge: 3600 });
  if (!value) throw new Error(`secret parameter ${source.param} is empty`);
  return value;
}
