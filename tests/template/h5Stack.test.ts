import { describe, expect, it } from 'vitest';
import { h5SecurityHeaders } from '../../functions/stack/h5Headers';
import { h5StackName, h5StackTemplate } from '../../functions/stack/h5Stack';

const headers = h5SecurityHeaders({
  apiOrigin: 'https://api.example.cn',
  storageOrigin: 'https://photos-bucket.s3.cn-north-1.amazonaws.com.cn',
  scriptHashes: ["'sha256-AAAA'", "'sha256-BBBB'"],
});
const domain = { name: 'h5.example.cn', iamCertificateId: 'ASCAEXAMPLE' };
const template = h5StackTemplate({ stage: 'prod', headers, domain });
const resources = template.Resources;
const distribution = resources.H5Distribution!.Properties.DistributionConfig;

/**
 * What CloudFormation gives for one deployed stack in cn-north-1: each Ref and attribute the
 * template reads, as AWS documents it for the resource type (a distribution's Ref is its ID).
 */
const deployed: Record<string, string> = {
  'AWS::Partition': 'aws-cn',
  'AWS::AccountId': '123456789012',
  H5Bucket: 'ankang-prod-h5-h5bucket-1a2b3c',
  'H5Bucket.Arn': 'arn:aws-cn:s3:::ankang-prod-h5-h5bucket-1a2b3c',
  'H5Bucket.RegionalDomainName': 'ankang-prod-h5-h5bucket-1a2b3c.s3.cn-north-1.amazonaws.com.cn',
  H5OriginAccessControl: 'E3OACEXAMPLE',
  'H5OriginAccessControl.Id': 'E3OACEXAMPLE',
  H5HeadersPolicy: 'headers-policy-id',
  H5AssetCachePolicy: 'asset-policy-id',
  H5DocumentCachePolicy: 'document-policy-id',
  H5Distribution: 'E2DISTEXAMPLE',
  'H5Distribution.DomainName': 'd1example.cloudfront.cn',
};

/** A part of the template with Ref, Fn::GetAtt and Fn::Join evaluated as CloudFormation would. */
// biome-ignore lint/suspicious/noExplicitAny: the template is loosely typed JSON.
function resolve(value: any): any {
  if (Array.isArray(value)) return value.map(resolve);
  if (value === null || typeof value !== 'object') return value;
  const known = (name: string) => {
    if (!(name in deployed)) throw new Error(`no value for ${name}`);
    return deployed[name];
  };
  if ('Ref' in value) return known(value.Ref);
  if ('Fn::GetAtt' in value) return known(value['Fn::GetAtt'].join('.'));
  if ('Fn::Join' in value) return resolve(value['Fn::Join'][1]).join(value['Fn::Join'][0]);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item)]));
}

const bucketArn = 'arn:aws-cn:s3:::ankang-prod-h5-h5bucket-1a2b3c';
/** The distribution's ARN in the form AWS documents for CloudFront (no region). */
const distributionArn = 'arn:aws-cn:cloudfront::123456789012:distribution/E2DISTEXAMPLE';

describe('Template: the H5 stack', () => {
  it('is a stack of its own beside the backend, with one of each resource', () => {
    expect(h5StackName('prod')).toBe('ankang-prod-h5');
    expect(Object.entries(resources).map(([id, resource]) => [id, resource.Type])).toStrictEqual([
      ['H5Bucket', 'AWS::S3::Bucket'],
      ['H5BucketPolicy', 'AWS::S3::BucketPolicy'],
      ['H5OriginAccessControl', 'AWS::CloudFront::OriginAccessControl'],
      ['H5HeadersPolicy', 'AWS::CloudFront::ResponseHeadersPolicy'],
      ['H5AssetCachePolicy', 'AWS::CloudFront::CachePolicy'],
      ['H5DocumentCachePolicy', 'AWS::CloudFront::CachePolicy'],
      ['H5Distribution', 'AWS::CloudFront::Distribution'],
    ]);
  });

  it('keeps the bucket private: encrypted, no public access of any kind, no ACLs, no website', () => {
    const bucket = resources.H5Bucket!;
    expect(bucket.Properties).toStrictEqual({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: true },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(bucket.DeletionPolicy).toBe('Retain');
  });

  it('lets only this distribution read the bucket, through the origin access control, over TLS', () => {
    expect(resolve(resources.H5BucketPolicy!.Properties)).toStrictEqual({
      Bucket: 'ankang-prod-h5-h5bucket-1a2b3c',
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ReadByThisDistributionOnly',
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Resource: `${bucketArn}/*`,
            Condition: { StringEquals: { 'AWS:SourceArn': distributionArn } },
          },
          {
            Sid: 'TlsOnly',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [bucketArn, `${bucketArn}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      },
    });
    expect(resources.H5OriginAccessControl!.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    expect(resolve(distribution.Origins)).toStrictEqual([
      {
        Id: 'h5-bucket',
        DomainName: 'ankang-prod-h5-h5bucket-1a2b3c.s3.cn-north-1.amazonaws.com.cn',
        S3OriginConfig: { OriginAccessIdentity: '' },
        OriginAccessControlId: 'E3OACEXAMPLE',
      },
    ]);
  });

  it('sends exactly the headers it is given, as the local server does', () => {
    const config = resources.H5HeadersPolicy!.Properties.ResponseHeadersPolicyConfig;
    expect([config.Name, Object.keys(config).sort()]).toStrictEqual([
      'ankang-prod-h5-security',
      ['Comment', 'Name', 'SecurityHeadersConfig'],
    ]);
    // Each entry read back as the header CloudFront sends for it (its SecurityHeadersConfig
    // reference), each overriding whatever the bucket's object carries.
    const sent: Record<string, string> = {};
    for (const [entry, setting] of Object.entries(config.SecurityHeadersConfig)) {
      const { Override, ...value } = setting as Record<string, string | boolean>;
      expect([entry, Override]).toStrictEqual([entry, true]);
      const header = {
        ContentSecurityPolicy: ['content-security-policy', value.ContentSecurityPolicy],
        ContentTypeOptions: ['x-content-type-options', 'nosniff'],
        ReferrerPolicy: ['referrer-policy', value.ReferrerPolicy],
        FrameOptions: ['x-frame-options', value.FrameOption],
      }[entry];
      if (!header) throw new Error(`unexpected entry ${entry}`);
      sent[header[0] as string] = header[1] as string;
    }
    expect(sent).toStrictEqual(headers);
  });

  it('refuses a Content-Security-Policy longer than CloudFront takes (1783 characters)', () => {
    const sized = (length: number) => ({ ...headers, 'content-security-policy': 'x'.repeat(length) });
    expect(() => h5StackTemplate({ stage: 'prod', headers: sized(1783) })).not.toThrow();
    expect(() => h5StackTemplate({ stage: 'prod', headers: sized(1784) })).toThrow(/1784/);
  });

  it('refuses a header it cannot express rather than dropping it', () => {
    expect(() => h5StackTemplate({ stage: 'prod', headers: { ...headers, 'x-unknown': '1' } })).toThrow(
      /x-unknown/,
    );
  });

  it('caches content-named folders for a year and revalidates everything else', () => {
    const assets = resources.H5AssetCachePolicy!.Properties.CachePolicyConfig;
    const documents = resources.H5DocumentCachePolicy!.Properties.CachePolicyConfig;
    expect([assets.MinTTL, assets.DefaultTTL, assets.MaxTTL]).toStrictEqual([0, 31536000, 31536000]);
    expect([documents.MinTTL, documents.DefaultTTL, documents.MaxTTL]).toStrictEqual([0, 0, 31536000]);
    for (const policy of [assets, documents]) {
      expect(policy.ParametersInCacheKeyAndForwardedToOrigin).toStrictEqual({
        CookiesConfig: { CookieBehavior: 'none' },
        HeadersConfig: { HeaderBehavior: 'none' },
        QueryStringsConfig: { QueryStringBehavior: 'none' },
        EnableAcceptEncodingGzip: false,
        EnableAcceptEncodingBrotli: false,
      });
    }
    // Every path reaches the one origin the same way; only the cache policy differs by path.
    const behaviours = [distribution.DefaultCacheBehavior, ...distribution.CacheBehaviors].map(resolve);
    expect(
      behaviours.map(({ PathPattern = 'default', CachePolicyId }) => [PathPattern, CachePolicyId]),
    ).toStrictEqual([
      ['default', 'document-policy-id'],
      ['js/*', 'asset-policy-id'],
      ['css/*', 'asset-policy-id'],
      ['static/*', 'asset-policy-id'],
    ]);
    for (const { PathPattern: _, CachePolicyId: __, ...rest } of behaviours) {
      expect(rest).toStrictEqual({
        TargetOriginId: 'h5-bucket',
        ViewerProtocolPolicy: 'redirect-to-https',
        AllowedMethods: ['GET', 'HEAD'],
        CachedMethods: ['GET', 'HEAD'],
        // The bucket holds the gzip bytes already: the edge must not compress again.
        Compress: false,
        ResponseHeadersPolicyId: 'headers-policy-id',
      });
    }
  });

  it('serves index.html at the root, with no SPA fallback (the router uses the hash)', () => {
    expect(distribution.DefaultRootObject).toBe('index.html');
    expect(distribution.CustomErrorResponses).toBeUndefined();
    expect(distribution.Enabled).toBe(true);
  });

  it('answers on the ICP-filed domain with its IAM certificate, or on the default name', () => {
    expect(distribution.Aliases).toStrictEqual(['h5.example.cn']);
    expect(distribution.ViewerCertificate).toStrictEqual({
      IamCertificateId: 'ASCAEXAMPLE',
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
    expect(template.Outputs.Url!.Value).toBe('https://h5.example.cn/');
    const global = h5StackTemplate({ stage: 'staging', headers }).Resources.H5Distribution!.Properties
      .DistributionConfig;
    expect(global.Aliases).toBeUndefined();
    expect(global.ViewerCertificate).toStrictEqual({ CloudFrontDefaultCertificate: true });
  });

  it('names no partition by hand, so it deploys in cn-north-1 as anywhere', () => {
    expect(JSON.stringify(template)).not.toMatch(/arn:aws/);
    // Resolved in aws-cn, every ARN it builds is an aws-cn one.
    const arns = JSON.stringify(resolve(template)).match(/arn:[a-z-]+:/g) ?? [];
    expect(arns.length).toBeGreaterThan(0);
    expect(new Set(arns)).toStrictEqual(new Set(['arn:aws-cn:']));
  });

  it('gives the deploy what it needs', () => {
    expect(template.Outputs).toStrictEqual({
      BucketName: { Description: 'H5 构建文件所在的私有桶', Value: { Ref: 'H5Bucket' } },
      DistributionId: { Description: 'CloudFront 分发 ID', Value: { Ref: 'H5Distribution' } },
      Url: { Description: 'H5 应用的地址', Value: 'https://h5.example.cn/' },
    });
  });
});
