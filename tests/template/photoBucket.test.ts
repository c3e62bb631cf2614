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

const packageDir = inject('packageDir');
const template = JSON.parse(
  readFileSync(path.join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8'),
) as { Resources: Record<string, Resource> };
const resources = template.Resources;
const buckets = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::S3::Bucket');
const functions = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
// The framework's own deployment bucket is not ours; the photo bucket is the one we declare.
const bucket = resources.PhotoBucket!;

type Statement = { Effect: string; Action: string[]; Resource: unknown[] };
const statements = resources.IamRoleLambdaExecution!.Properties.Policies.flatMap(
  (policy: { PolicyDocument: { Statement: Statement[] } }) => policy.PolicyDocument.Statement,
) as Statement[];

describe('Template: the photo bucket', () => {
  it('is one private bucket, kept when the stack goes', () => {
    expect(buckets.map(([name]) => name)).toContain('PhotoBucket');
    expect(bucket.Type).toBe('AWS::S3::Bucket');
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties.BucketName).toBeUndefined();
  });

  it('encrypts at rest, blocks every kind of public access and disables ACLs', () => {
    expect(bucket.Properties.BucketEncryption).toStrictEqual({
      ServerSideEncryptionConfiguration: [
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true },
      ],
    });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toStrictEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.OwnershipControls).toStrictEqual({
      Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }],
    });
  });

  it('expires orphan uploads after a day, unattached worker photos after two, exports after a week, and abandoned multipart uploads', () => {
    const rules = bucket.Properties.LifecycleConfiguration.Rules as Array<Record<string, unknown>>;
    expect(rules).toStrictEqual([
      { Id: 'expire-incoming-uploads', Status: 'Enabled', Prefix: 'incoming/', ExpirationInDays: 1 },
      // Longer than an unattached photo's item lives (a day, TTL), so no attachable photo loses its file.
      {
        Id: 'expire-unattached-photos',
        Status: 'Enabled',
        TagFilters: [{ Key: 'photo-state', Value: 'unattached' }],
        ExpirationInDays: 2,
      },
      { Id: 'expire-exports', Status: 'Enabled', Prefix: 'exports/', ExpirationInDays: 7 },
      {
        Id: 'abort-incomplete-multipart-uploads',
        Status: 'Enabled',
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      },
    ]);
    // Kept photos live under photos/, which no prefix rule touches: only the tag lets one go.
    expect(JSON.stringify(rules)).not.toContain('photos/');
    expect(rules.filter((rule) => rule.TagFilters !== undefined)).toHaveLength(1);
  });

  it('lets only the H5 origin PUT and GET across origins', () => {
    expect(bucket.Properties.CorsConfiguration).toStrictEqual({
      CorsRules: [
        {
          AllowedOrigins: ['https://ankang.example.cn'],
          AllowedMethods: ['PUT', 'GET'],
          AllowedHeaders: ['Content-Type'],
          MaxAge: 600,
        },
      ],
    });
  });
});

describe('Template: functions and the photo bucket', () => {
  it('gives every function the bucket by reference and no S3 endpoint override', () => {
    expect(functions.length).toBeGreaterThan(0);
    for (const [name, fn] of functions) {
      const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
      expect(variables.PHOTO_BUCKET, name).toStrictEqual({ Ref: 'PhotoBucket' });
      expect(variables.S3_ENDPOINT, name).toBe('');
    }
  });

  it('refuses an S3 endpoint override on a deployed stage', () => {
    const [, fn] = functions[0]!;
    const deployed = {
      ...(fn.Properties.Environment.Variables as Record<string, string>),
      WECHAT_APPID: 'wx0123456789abcdef',
      PHOTO_BUCKET: 'ankang-prod-photobucket-1a2b3c',
      EXPORT_QUEUE_URL: 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/ankang-prod-export-jobs',
      FIELD_KEY_ID: '1234abcd-12ab-34cd-56ef-1234567890ab',
    };
    expect(parseEnv(deployed).PHOTO_BUCKET).toBe('ankang-prod-photobucket-1a2b3c');
    expect(() => parseEnv({ ...deployed, S3_ENDPOINT: 'http://127.0.0.1:4569' })).toThrow(/S3_ENDPOINT/);
  });

  it('allows object reads and writes on the bucket’s objects only, and listing on the bucket only', () => {
    const s3 = statements.filter((s) => s.Action.some((action) => action.startsWith('s3:')));
    expect(s3).toStrictEqual([
      {
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject', 's3:PutObjectTagging'],
        Resource: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['PhotoBucket', 'Arn'] }, '/*']] }],
      },
      {
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: [{ 'Fn::GetAtt': ['PhotoBucket', 'Arn'] }],
      },
    ]);
    // Nothing that changes the bucket itself, its policy or its ACLs.
    const actions = s3.flatMap((s) => s.Action);
    expect(actions.filter((action) => /Bucket(Policy|Acl|Cors)|ObjectAcl|\*/.test(action))).toStrictEqual([]);
  });
});
