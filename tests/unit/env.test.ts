import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../functions/src/lib/envSchema';

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
};

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
    const local = { ...deployed, STAGE: 'local', PSEUDONYM_KEY_PARAM: '' };
    expect(() => parseEnv({ ...local, PSEUDONYM_KEY: 'short' })).toThrow(/PSEUDONYM_KEY/);
    expect(parseEnv({ ...local, PSEUDONYM_KEY: 'k'.repeat(32) }).PSEUDONYM_KEY).toBe('k'.repeat(32));
  });

  it('refuses a deployed stage without a WeChat app id', () => {
    expect(() => parseEnv({ ...deployed, WECHAT_APPID: '' })).toThrow(/WECHAT_APPID/);
  });

  it('allows the development login and plain secrets locally', () => {
    const env = parseEnv({
      ...deployed,
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
