import { describe, expect, it } from 'vitest';
import { seedRefusal } from '../../functions/local/seedGuard';

describe('seedRefusal', () => {
  it('lets the seed write to DynamoDB Local on the local stage (unset STAGE is the local stage)', () => {
    for (const endpointHost of ['127.0.0.1', 'localhost', '::1']) {
      expect(seedRefusal({ stage: 'local', endpointHost })).toBeNull();
      expect(seedRefusal({ stage: undefined, endpointHost })).toBeNull();
    }
  });

  it('refuses any other stage, whatever the endpoint', () => {
    for (const stage of ['prod', 'staging', 'dev', 'Local', '']) {
      expect(seedRefusal({ stage, endpointHost: '127.0.0.1' })).toBe(
        `演示数据只能写入本地环境（STAGE=local），当前 STAGE=${stage}，已拒绝写入`,
      );
    }
  });

  it('refuses AWS itself and any host that is not this machine on the local stage', () => {
    expect(seedRefusal({ stage: 'local', endpointHost: undefined })).toBe(
      '演示数据只能写入本机的 DynamoDB Local，当前数据库地址为 AWS，已拒绝写入',
    );
    for (const endpointHost of [
      'dynamodb.cn-north-1.amazonaws.com.cn',
      '10.0.0.5',
      '127.0.0.1.example.com',
    ]) {
      expect(seedRefusal({ stage: 'local', endpointHost })).toMatch(/^演示数据只能写入本机的 DynamoDB Local/);
    }
  });
});
