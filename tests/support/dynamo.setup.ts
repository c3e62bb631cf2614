import { inject } from 'vitest';
import { handlerEnv } from './testEnv';

// Runs before any test file imports a handler, whose env is parsed at import.
Object.assign(
  process.env,
  handlerEnv(inject('dynamoEndpoint'), inject('tableName'), inject('wechatApiBase'), {
    s3Endpoint: inject('s3Endpoint'),
    photoBucket: inject('photoBucket'),
  }),
);
