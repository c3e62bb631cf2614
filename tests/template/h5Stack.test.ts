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
    const distributionArn = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':cloudfront::',
          { Ref: 'AWS::AccountId' },
          ':distribution/',
          { Ref: 'H5Distribution' },
        ],
      ],
    };
    const objects = { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['H5Bucket', 'Arn'] }, '/*']] };
    expect(resources.H5BucketPolicy!.Properties).toStrictEqual({
      Bucket: { Ref: 'H5Bucket' },
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'ReadByThisDistributionOnly',
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Resource: objects,
            Condition: { StringEquals: { 'AWS:SourceArn': distributionArn } },
          },
          {
            Sid: 'TlsOnly',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [{ 'Fn::GetAtt': ['H5Bucket', 'Arn'] }, objects],
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
    expect(distribution.Origins).toStrictEqual([
      {
        Id: 'h5-bucket',
        DomainName: { 'Fn::GetAtt': ['H5Bucket', 'RegionalDomainName'] },
        S3OriginConfig: { OriginAccessIdentity: '' },
        OriginAccessControlId: { 'Fn::GetAtt': ['H5OriginAccessControl', 'Id'] },
      },
    ]);
  });

  it('adds exactly the headers the local server sends', () => {
    const csp = [
      "default-src 'self'",
      "script-src 'self' 'sha256-AAAA' 'sha256-BBBB'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob: https://photos-bucket.s3.cn-north-1.amazonaws.com.cn",
      "font-src 'self' data:",
      "connect-src 'self' https://api.example.cn https://photos-bucket.s3.cn-north-1.amazonaws.com.cn",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; ');
    expect(resources.H5HeadersPolicy!.Properties.ResponseHeadersPolicyConfig).toStrictEqual({
      Name: 'ankang-prod-h5-security',
      Comment: 'Ankang H5 security headers (functions/stack/h5Headers.ts)',
      SecurityHeadersConfig: {
        ContentSecurityPolicy: { ContentSecurityPolicy: csp, Override: true },
        ContentTypeOptions: { Override: true },
        ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
        FrameOptions: { FrameOption: 'DENY', Override: true },
      },
    });
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
    const behaviour = (cachePolicy: string) => ({
      TargetOriginId: 'h5-bucket',
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      CachedMethods: ['GET', 'HEAD'],
      Compress: false,
      CachePolicyId: { Ref: cachePolicy },
      ResponseHeadersPolicyId: { Ref: 'H5HeadersPolicy' },
    });
    expect(distribution.DefaultCacheBehavior).toStrictEqual(behaviour('H5DocumentCachePolicy'));
    expect(distribution.CacheBehaviors).toStrictEqual(
      ['js/*', 'css/*', 'static/*'].map((PathPattern) => ({
        PathPattern,
        ...behaviour('H5AssetCachePolicy'),
      })),
    );
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
    const text = JSON.stringify(template);
    expect(text).not.toMatch(/arn:aws/);
    expect(text).toContain('"Ref":"AWS::Partition"');
  });

  it('gives the deploy what it needs', () => {
    expect(template.Outputs).toStrictEqual({
      BucketName: { Description: 'H5 构建文件所在的私有桶', Value: { Ref: 'H5Bucket' } },
      DistributionId: { Description: 'CloudFront 分发 ID', Value: { Ref: 'H5Distribution' } },
      Url: { Description: 'H5 应用的地址', Value: 'https://h5.example.cn/' },
    });
  });
});
