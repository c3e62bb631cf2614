import { describe, expect, it } from 'vitest';
import { envSchema, parseEnv } from '../../functions/src/lib/envSchema';

const deployed = {
  STAGE: 'prod',
  TABLE_NAME: 'ankang-prod',
  WECHAT_API_BASE: 'https://api.weixin.qq.com',
  WECHAT_APPID: 'wx0123456789',
  JWT_SECRET_PARAM: '/ankang/prod/jwt-secret',
  WECHAT_SECRET_PARAM: '/ankang/prod/wechat-app-secret',
  PSEUDONYM_KEY_PARAM: '/ankang/prod/pseudonym-key',
  DEV_LOGIN: 'false',
  JWT_SECRET: '',
  WECHAT_SECRET: '',
  PSEUDONYM_KEY: '',
  DYNAMODB_ENDPOINT: '',
  FIELD_KEY_ID: '1234abcd-12ab-34cd-56ef-1234567890ab',
  LOOKUP_KEY_PARAM: '/ankang/prod/lookup-key',
  FIELD_MASTER_KEY: '',
  LOOKUP_KEY: '',
};

/** The local stage's field keys (plain values, as serverless.yml's local params give them). */
const localKeys = { FIELD_MASTER_KEY: 'm'.repeat(32), LOOKUP_KEY: 'l'.repeat(32) };

/** The variables an environment is refused for, in order. */
const refused = (source: Record<string, string>) =>
  (envSchema.safeParse(source).error?.issues ?? []).map((issue) => issue.path.join('.'));

describe('Env: parsed at start-up', () => {
  it('accepts a deployed stage that reads its secrets from SSM', () => {
    const env = parseEnv(deployed);
    expect(env.DEV_LOGIN).toBe(false);
    expect(env.JWT_SECRET).toBeUndefined();
    expect(env.DYNAMODB_ENDPOINT).toBeUndefined();
  });

  it('refuses the development login on any stage but local', () => {
    expect(() => parseEnv({ ...deployed, DEV_LOGIN: 'true' })).toThrow(/DEV_LOGIN/);
    expect(() => parseEnv({ ...deployed, STAGE: 'staging', DEV_LOGIN: 'true' })).toThrow(/DEV_LOGIN/);
  });

  it('refuses plain secrets outside the local stage', () => {
    expect(() => parseEnv({ ...deployed, JWT_SECRET: 'x'.repeat(40) })).toThrow(/plain secrets/);
    expect(() => parseEnv({ ...deployed, PSEUDONYM_KEY: 'x'.repeat(40) })).toThrow(
      /plain secrets[\s\S]*at PSEUDONYM_KEY/,
    );
  });

  it('needs the pseudonym key, as a parameter name or (locally) a long enough value', () => {
    expect(() => parseEnv({ ...deployed, PSEUDONYM_KEY_PARAM: '' })).toThrow(/PSEUDONYM_KEY_PARAM/);
    const local = { ...deployed, ...localKeys, STAGE: 'local', PSEUDONYM_KEY_PARAM: '' };
    expect(() => parseEnv({ ...local, PSEUDONYM_KEY: 'short' })).toThrow(/PSEUDONYM_KEY/);
    expect(parseEnv({ ...local, PSEUDONYM_KEY: 'k'.repeat(32) }).PSEUDONYM_KEY).toBe('k'.repeat(32));
  });

  it('refuses a deployed stage without a WeChat app id', () => {
    expect(() => parseEnv({ ...deployed, WECHAT_APPID: '' })).toThrow(/WECHAT_APPID/);
  });

  it('allows the development login and plain secrets locally', () => {
    const env = parseEnv({
      ...deployed,
      ...localKeys,
      STAGE: 'local',
      DEV_LOGIN: 'true',
      JWT_SECRET: 'local-secret-local-secret-local-secret',
      WECHAT_APPID: '',
    });
    expect(env.DEV_LOGIN).toBe(true);
  });

  it('refuses a short signing secret', () => {
    expect(() => parseEnv({ ...deployed, STAGE: 'local', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });
});

describe('Env: field encryption and lookup keys', () => {
  it('takes a deployed stage that names its KMS key and the lookup key parameter', () => {
    const env = parseEnv(deployed);
    expect([env.FIELD_KEY_ID, env.LOOKUP_KEY_PARAM]).toStrictEqual([
      '1234abcd-12ab-34cd-56ef-1234567890ab',
      '/ankang/prod/lookup-key',
    ]);
    expect([env.FIELD_MASTER_KEY, env.LOOKUP_KEY]).toStrictEqual([undefined, undefined]);
  });

  it('refuses a deployed stage without its KMS key or lookup key parameter', () => {
    expect(refused({ ...deployed, FIELD_KEY_ID: '' })).toStrictEqual(['FIELD_KEY_ID']);
    expect(refused({ ...deployed, LOOKUP_KEY_PARAM: '' })).toStrictEqual(['LOOKUP_KEY_PARAM']);
  });

  it('refuses plain field keys on a deployed stage, even beside the KMS key', () => {
    expect(refused({ ...deployed, FIELD_MASTER_KEY: 'm'.repeat(40) })).toStrictEqual(['FIELD_MASTER_KEY']);
    expect(refused({ ...deployed, LOOKUP_KEY: 'l'.repeat(40) })).toStrictEqual(['LOOKUP_KEY']);
    expect(() => parseEnv({ ...deployed, STAGE: 'staging', LOOKUP_KEY: 'l'.repeat(40) })).toThrow(
      /plain secrets[\s\S]*at LOOKUP_KEY/,
    );
  });

  it('needs both plain keys of at least 32 characters on the local stage', () => {
    const local = { ...deployed, ...localKeys, STAGE: 'local', FIELD_KEY_ID: '', LOOKUP_KEY_PARAM: '' };
    expect(refused(local)).toStrictEqual([]);
    expect(parseEnv(local).FIELD_MASTER_KEY).toBe('m'.repeat(32));
    expect(refused({ ...local, FIELD_MASTER_KEY: '' })).toStrictEqual(['FIELD_MASTER_KEY']);
    expect(refused({ ...local, LOOKUP_KEY: '' })).toStrictEqual(['LOOKUP_KEY']);
    expect(refused({ ...local, FIELD_MASTER_KEY: 'm'.repeat(31) })).toStrictEqual(['FIELD_MASTER_KEY']);
    expect(refused({ ...local, LOOKUP_KEY: 'l'.repeat(31) })).toStrictEqual(['LOOKUP_KEY']);
  });

  it('takes the search limits as settings: 60 and 240 unless set, whole numbers of at least 1', () => {
    const limits = (source: Record<string, string>) => {
      const env = parseEnv({ ...deployed, ...source });
      return [env.SEARCH_LIMIT_PER_USER, env.SEARCH_LIMIT_PER_IP];
    };
    expect(limits({})).toStrictEqual([60, 240]);
    expect(limits({ SEARCH_LIMIT_PER_USER: '30', SEARCH_LIMIT_PER_IP: '100000' })).toStrictEqual([
      30, 100_000,
    ]);
    for (const bad of ['0', '-5', '1.5', 'many']) {
      expect(refused({ ...deployed, SEARCH_LIMIT_PER_USER: bad, SEARCH_LIMIT_PER_IP: bad })).toStrictEqual([
        'SEARCH_LIMIT_PER_USER',
        'SEARCH_LIMIT_PER_IP',
      ]);
    }
  });
});
