import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * X-Ray traces of each invocation (the stack turns on active tracing for every function): the
 * pipeline's captureLambdaHandler opens a segment per request, and the AWS SDK clients made through
 * `traced` add one per DynamoDB, S3, KMS and SSM call. Off where POWERTOOLS_TRACE_ENABLED is false
 * (the local stage has no X-Ray daemon).
 */
export const tracer = new Tracer({ serviceName: 'ankang' });

/** An AWS SDK v3 client whose calls show in the request's trace. */
export function traced<T>(client: T): T {
  return tracer.captureAWSv3Client(client);
}
