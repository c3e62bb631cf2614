import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { parseEnv } from '../../functions/src/lib/envSchema';

interface Resource {
  Type: string;
  // biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON is read loosely; the assertions check its shape.
  Properties: Record<string, any>;
  DeletionPolicy?: string;
}

type Statement = {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action: string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};

const packageDir = inject('packageDir');
const templateText = readFileSync(path.join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8');
const resources = (JSON.parse(templateText) as { Resources: Record<string, Resource> }).Resources;
const key = resources.FieldKey!;
const keyStatements = key.Properties.KeyPolicy.Statement as Statement[];
const role = resources.IamRoleLambdaExecution!;
const roleStatements = role.Properties.Policies.flatMap(
  (policy: { PolicyDocument: { Statement: Statement[] } }) => policy.PolicyDocument.Statement,
) as Statement[];
const functions = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
const accountRoot = { AWS: { 'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root` } };
const useActions = ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'];

/** The functions' role ARN as a Fn::Sub string, from the role's own RoleName (a Fn::Join with the region). */
function roleArnSub(): string {
  const [separator, parts] = role.Properties.RoleName['Fn::Join'] as [string, unknown[]];
  const name = parts
    .map((part) =>
      typeof part === 'string'
        ? part
        : (part as { Ref: string }).Ref === 'AWS::Region'
          ? `\${AWS::Region}`
          : '?',
    )
    .join(separator);
  return `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role${role.Properties.Path ?? '/'}${name}`;
}

describe('Template: the field encryption key', () => {
  it('is one symmetric KMS key with yearly rotation, kept when the stack goes', () => {
    expect(Object.values(resources).filter((r) => r.Type === 'AWS::KMS::Key')).toHaveLength(1);
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.DeletionPolicy).toBe('Retain');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect([key.Properties.KeySpec, key.Properties.KeyUsage]).toStrictEqual([
      'SYMMETRIC_DEFAULT',
      'ENCRYPT_DECRYPT',
    ]);
  });

  it('has the alias alias/ankang-<stage>-fields', () => {
    const aliases = Object.values(resources).filter((r) => r.Type === 'AWS::KMS::Alias');
    expect(aliases.map((a) => a.Properties)).toStrictEqual([
      { AliasName: 'alias/ankang-prod-fields', TargetKeyId: { Ref: 'FieldKey' } },
    ]);
  });

  it('lets the account (any partition) administer the key but not use it or grant it', () => {
    const admin = keyStatements.find((s) => s.Sid === 'AccountAdministers')!;
    expect(admin.Effect).toBe('Allow');
    expect(admin.Principal).toStrictEqual(accountRoot);
    expect(admin.Action).toContain('kms:Put*');
    expect(admin.Action).toContain('kms:ScheduleKeyDeletion');
    for (const action of [
      ...useActions,
      'kms:*',
      'kms:CreateGrant',
      'kms:Create*',
      'kms:ReEncrypt*',
      'kms:GenerateDataKey*',
    ]) {
      expect(admin.Action).not.toContain(action);
    }
    expect(admin.Condition).toBeUndefined();
  });

  it('lets only the functions’ role make and open data keys, and only with a record as encryption context', () => {
    const use = keyStatements.filter((s) => s.Action.some((a) => useActions.includes(a)));
    expect(use).toStrictEqual([
      {
        Sid: 'FunctionsUseForRecords',
        Effect: 'Allow',
        Principal: accountRoot,
        Action: useActions,
        Resource: '*',
        Condition: {
          ArnEquals: { 'aws:PrincipalArn': { 'Fn::Sub': roleArnSub() } },
          Null: { 'kms:EncryptionContext:record': 'false' },
        },
      },
    ]);
    expect(keyStatements).toHaveLength(2);
    expect(keyStatements.every((s) => s.Effect === 'Allow')).toBe(true);
  });

  it('gives the functions’ role Encrypt/Decrypt/GenerateDataKey on that key and no other KMS right', () => {
    const kms = roleStatements.filter((s) => s.Action.some((a) => a.startsWith('kms:')));
    expect(kms).toStrictEqual([
      { Effect: 'Allow', Action: useActions, Resource: [{ 'Fn::GetAtt': ['FieldKey', 'Arn'] }] },
    ]);
  });

  it('hands every function the key by Ref, the lookup key by SSM parameter name, and no plain key', () => {
    expect(functions.length).toBeGreaterThan(10);
    for (const [name, fn] of functions) {
      const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
      expect(variables.FIELD_KEY_ID, name).toStrictEqual({ Ref: 'FieldKey' });
      expect(variables.LOOKUP_KEY_PARAM, name).toBe('/ankang/prod/lookup-key');
      expect(variables.FIELD_MASTER_KEY, name).toBe('');
      expect(variables.LOOKUP_KEY, name).toBe('');
    }
    // The role reads that parameter (all of the stage's parameters, nothing else).
    const ssm = roleStatements.find((s) => s.Action.includes('ssm:GetParameter'))!;
    expect(ssm.Resource).toStrictEqual([
      { 'Fn::Sub': `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/ankang/prod/*` },
    ]);
  });

  it('holds no key material: no local development key, no hard-coded partition', () => {
    expect(templateText).not.toMatch(/local-only-/);
    expect(templateText).not.toContain('arn:aws:');
    expect(Object.values(resources).filter((r) => r.Type === 'AWS::SSM::Parameter')).toStrictEqual([]);
  });

  it('parses as a deployed environment once CloudFormation resolves the key, and refuses a plain master key', () => {
    const [, fn] = functions[0]!;
    const deployed = {
      ...(fn.Properties.Environment.Variables as Record<string, string>),
      WECHAT_APPID: 'wx0123456789abcdef',
      PHOTO_BUCKET: 'ankang-prod-photobucket-1a2b3c',
      EXPORT_QUEUE_URL: 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/ankang-prod-export-jobs',
      FIELD_KEY_ID: '1234abcd-12ab-34cd-56ef-1234567890ab',
    };
    expect(parseEnv(deployed).FIELD_KEY_ID).toBe('1234abcd-12ab-34cd-56ef-1234567890ab');
    expect(() => parseEnv({ ...deployed, FIELD_MASTER_KEY: 'm'.repeat(40) })).toThrow(/FIELD_MASTER_KEY/);
    expect(() => parseEnv({ ...deployed, FIELD_KEY_ID: '' })).toThrow(/FIELD_KEY_ID/);
  });
});
