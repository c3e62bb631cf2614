import { hashedFolders } from './h5Assets';

/**
 * The H5 app's hosting, as a CloudFormation stack of its own beside serverless.yml's (which is near
 * CloudFormation's 500 resources): a private bucket that only this stack's CDN distribution may
 * read (origin access control), the shared security headers as a response headers policy, and
 * cache behaviours that follow the shared caching rule (functions/stack/h5Assets.ts). Deployed by
 * `npm run deploy:h5` (functions/local/deployH5.ts), which uploads each file with its own
 * Cache-Control and Content-Encoding.
 *
 * Every ARN is built with `${AWS::Partition}` or read from a resource: the app runs in cn-north-1
 * (partition aws-cn) as well as anywhere else.
 */

// biome-ignore lint/suspicious/noExplicitAny: a CloudFormation template is loosely typed JSON.
type Json = any;

export interface H5StackResource {
  Type: string;
  Properties: Record<string, Json>;
  DeletionPolicy?: 'Retain' | 'Delete';
  UpdateReplacePolicy?: 'Retain' | 'Delete';
}

export interface H5StackTemplate {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Resources: Record<string, H5StackResource>;
  Outputs: Record<string, { Description: string; Value: Json }>;
}

/**
 * The site's own domain and its certificate. Required in the China regions: CloudFront there may
 * not serve content on its default `*.cloudfront.cn` name, only on an ICP-filed domain, with a
 * certificate from the IAM certificate store (ACM is not offered to CloudFront there). Elsewhere
 * either an ACM certificate (in us-east-1) or none (the default `*.cloudfront.net` name).
 */
export type H5Domain =
  | { name: string; iamCertificateId: string }
  | { name: string; acmCertificateArn: string };

export interface H5StackOptions {
  stage: string;
  /** h5SecurityHeaders(…) for this build: the only source of the headers the CDN adds. */
  headers: Record<string, string>;
  domain?: H5Domain;
}

/** The stack's name: the backend's (`ankang-<stage>`) with `-h5`. */
export function h5StackName(stage: string): string {
  return `ankang-${stage}-h5`;
}

/** CloudFront refuses a Content-Security-Policy value longer than this in a headers policy. */
const MAX_CSP_LENGTH = 1783;

const year = 31_536_000;

/**
 * The security headers as CloudFront's SecurityHeadersConfig. Each header CloudFront knows is
 * given there (it refuses them as custom headers); `override` so a header the bucket's object
 * carries never wins. A header this does not know is refused, rather than silently not sent.
 */
function securityHeadersConfig(headers: Record<string, string>): Record<string, Json> {
  const config: Record<string, Json> = {};
  for (const [name, value] of Object.entries(headers)) {
    switch (name.toLowerCase()) {
      case 'content-security-policy':
        if (value.length > MAX_CSP_LENGTH) {
          throw new Error(
            `Content-Security-Policy 长 ${value.length} 个字符，CloudFront 最多接受 ${MAX_CSP_LENGTH}`,
          );
        }
        config.ContentSecurityPolicy = { ContentSecurityPolicy: value, Override: true };
        break;
      case 'x-content-type-options':
        if (value !== 'nosniff')
          throw new Error(`CloudFront 只能发送 X-Content-Type-Options: nosniff，不是 ${value}`);
        config.ContentTypeOptions = { Override: true };
        break;
      case 'referrer-policy':
        config.ReferrerPolicy = { ReferrerPolicy: value, Override: true };
        break;
      case 'x-frame-options':
        config.FrameOptions = { FrameOption: value.toUpperCase(), Override: true };
        break;
      default:
        throw new Error(`响应头策略不认识安全头 ${name}：请在 h5Stack.ts 里加上它的写法`);
    }
  }
  return config;
}

function viewerCertificate(domain: H5Domain | undefined): Record<string, Json> {
  if (!domain) return { CloudFrontDefaultCertificate: true };
  const common = { SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' };
  return 'iamCertificateId' in domain
    ? { IamCertificateId: domain.iamCertificateId, ...common }
    : { AcmCertificateArn: domain.acmCertificateArn, ...common };
}

/**
 * A cache policy: no cookie, header or query string in the key (the app's files depend on none of
 * them), and no Accept-Encoding either, since each key is stored in one encoding only.
 */
function cachePolicy(name: string, comment: string, ttl: { min: number; default: number; max: number }) {
  return {
    Type: 'AWS::CloudFront::CachePolicy',
    Properties: {
      CachePolicyConfig: {
        Name: name,
        Comment: comment,
        MinTTL: ttl.min,
        DefaultTTL: ttl.default,
        MaxTTL: ttl.max,
        ParametersInCacheKeyAndForwardedToOrigin: {
          CookiesConfig: { CookieBehavior: 'none' },
          HeadersConfig: { HeaderBehavior: 'none' },
          QueryStringsConfig: { QueryStringBehavior: 'none' },
          EnableAcceptEncodingGzip: false,
          EnableAcceptEncodingBrotli: false,
        },
      },
    },
  };
}

/**
 * The template of one stage's H5 hosting. Pure: the tests build it in-process. CloudFront's own
 * comments are kept in ASCII (its API is the strictest reader here); the stack's texts are Chinese.
 */
export function h5StackTemplate(options: H5StackOptions): H5StackTemplate {
  const name = h5StackName(options.stage);
  const behaviour = (cachePolicyId: string) => ({
    TargetOriginId: 'h5-bucket',
    ViewerProtocolPolicy: 'redirect-to-https',
    AllowedMethods: ['GET', 'HEAD'],
    CachedMethods: ['GET', 'HEAD'],
    // The bucket holds each file already gzipped where that pays (h5Assets.ts); the edge sends the
    // stored bytes as they are.
    Compress: false,
    CachePolicyId: { Ref: cachePolicyId },
    ResponseHeadersPolicyId: { Ref: 'H5HeadersPolicy' },
  });
  const join = (...parts: Json[]) => ({ 'Fn::Join': ['', parts] });
  const distributionArn = join(
    'arn:',
    { Ref: 'AWS::Partition' },
    ':cloudfront::',
    { Ref: 'AWS::AccountId' },
    ':distribution/',
    { Ref: 'H5Distribution' },
  );
  const bucketArn = { 'Fn::GetAtt': ['H5Bucket', 'Arn'] };
  const objectsArn = join(bucketArn, '/*');
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `职工安康 H5 应用（${options.stage}）：私有桶 + CloudFront`,
    Resources: {
      // Holds only build output, which a deploy uploads again; kept when the stack goes, because a
      // bucket with files in it would stop the stack's deletion.
      H5Bucket: {
        Type: 'AWS::S3::Bucket',
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: {
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
        },
      },
      // Only this distribution reads the bucket (signed requests, the policy's aws:SourceArn), and
      // nothing reaches it over plain HTTP.
      H5BucketPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'H5Bucket' },
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'ReadByThisDistributionOnly',
                Effect: 'Allow',
                Principal: { Service: 'cloudfront.amazonaws.com' },
                Action: 's3:GetObject',
                Resource: objectsArn,
                Condition: { StringEquals: { 'AWS:SourceArn': distributionArn } },
              },
              {
                Sid: 'TlsOnly',
                Effect: 'Deny',
                Principal: '*',
                Action: 's3:*',
                Resource: [bucketArn, objectsArn],
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              },
            ],
          },
        },
      },
      H5OriginAccessControl: {
        Type: 'AWS::CloudFront::OriginAccessControl',
        Properties: {
          OriginAccessControlConfig: {
            Name: name,
            Description: 'Ankang H5: CloudFront reads the private bucket with signed requests',
            OriginAccessControlOriginType: 's3',
            SigningBehavior: 'always',
            SigningProtocol: 'sigv4',
          },
        },
      },
      H5HeadersPolicy: {
        Type: 'AWS::CloudFront::ResponseHeadersPolicy',
        Properties: {
          ResponseHeadersPolicyConfig: {
            Name: `${name}-security`,
            Comment: 'Ankang H5 security headers (functions/stack/h5Headers.ts)',
            SecurityHeadersConfig: securityHeadersConfig(options.headers),
          },
        },
      },
      // js/, css/, static/: named by content, so the edge may keep them as long as browsers do.
      H5AssetCachePolicy: cachePolicy(`${name}-assets`, 'Ankang H5 content-named files: a year', {
        min: 0,
        default: year,
        max: year,
      }),
      // index.html and anything not named by content: the edge follows the file's own
      // `Cache-Control: no-cache` and asks the bucket again each time, so a deploy shows at once.
      H5DocumentCachePolicy: cachePolicy(
        `${name}-documents`,
        'Ankang H5 index.html and other files: revalidate',
        {
          min: 0,
          default: 0,
          max: year,
        },
      ),
      H5Distribution: {
        Type: 'AWS::CloudFront::Distribution',
        Properties: {
          DistributionConfig: {
            Enabled: true,
            Comment: `Ankang H5 (${options.stage})`,
            HttpVersion: 'http2',
            // The app routes by hash (/#/pages/…), so every page is index.html at `/`: no other
            // path needs to fall back to it.
            DefaultRootObject: 'index.html',
            ...(options.domain ? { Aliases: [options.domain.name] } : {}),
            ViewerCertificate: viewerCertificate(options.domain),
            Origins: [
              {
                Id: 'h5-bucket',
                DomainName: { 'Fn::GetAtt': ['H5Bucket', 'RegionalDomainName'] },
                // Empty: the origin access control signs, not a legacy origin access identity.
                S3OriginConfig: { OriginAccessIdentity: '' },
                OriginAccessControlId: { 'Fn::GetAtt': ['H5OriginAccessControl', 'Id'] },
              },
            ],
            DefaultCacheBehavior: behaviour('H5DocumentCachePolicy'),
            CacheBehaviors: hashedFolders.map((folder) => ({
              PathPattern: `${folder}/*`,
              ...behaviour('H5AssetCachePolicy'),
            })),
          },
        },
      },
    },
    Outputs: {
      BucketName: { Description: 'H5 构建文件所在的私有桶', Value: { Ref: 'H5Bucket' } },
      DistributionId: { Description: 'CloudFront 分发 ID', Value: { Ref: 'H5Distribution' } },
      Url: {
        Description: 'H5 应用的地址',
        Value: options.domain
          ? `https://${options.domain.name}/`
          : join('https://', { 'Fn::GetAtt': ['H5Distribution', 'DomainName'] }, '/'),
      },
    },
  };
}
