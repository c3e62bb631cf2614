import type { z } from 'zod';
import type { ErrorCode } from '../errors';
import type { Role } from '../schemas/user';
import type { Authz } from './authz';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One API route, declared once and used by both sides: the server's pipeline authenticates,
 * authorizes, parses and shapes output from it; the client builds its calls from it. serverless.yml
 * must carry exactly one `httpApi` event for it (a test checks).
 */
export interface Contract {
  /** The Lambda function's name in serverless.yml. */
  name: string;
  summary: string;
  method: HttpMethod;
  /** API Gateway path syntax, `{param}` for path parameters. */
  path: `/${string}`;
  /** `public` needs no token; otherwise the caller must hold one of these roles. */
  access: 'public' | readonly Role[];
  /**
   * The answer each kind of caller gets to a valid request against a record of 张家港 (see authz.ts);
   * the API tier's authorization matrix checks every one over HTTP.
   */
  authz: Authz;
  /**
   * The input field holding an org path the caller must be inside (staff only; admins act
   * everywhere). Checked by the pipeline when the field is present.
   */
  orgScope?: { from: 'query' | 'body' | 'params'; field: string };
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  output: z.ZodType;
  successStatus?: 200 | 201 | 202;
  /**
   * The largest request body taken, in bytes as sent; more is 413 PAYLOAD_TOO_LARGE before anything
   * reads it. DEFAULT_MAX_BODY_BYTES unless a route carries more (a file, a year of opening hours).
   */
  maxBodyBytes?: number;
  /** Codes this route answers beyond the generic ones (validation, auth, internal). */
  errors: readonly ErrorCode[];
}

/** The body size a route takes unless its contract says more: ample for any form's JSON. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Keeps the literal types of a contract while checking its shape. */
export function defineContract<const C extends Contract>(contract: C): C {
  return contract;
}

type InputPart<S, Key extends string> = S extends z.ZodType
  ? { [K in Key]: z.input<S> }
  : { [K in Key]?: undefined };

type ParsedPart<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a caller passes to call the route. */
export type ContractCallInput<C extends Contract> = InputPart<C['params'], 'params'> &
  InputPart<C['query'], 'query'> &
  InputPart<C['body'], 'body'>;

/** What the server's service receives after parsing. */
export interface ContractParsedInput<C extends Contract> {
  params: ParsedPart<C['params']>;
  query: ParsedPart<C['query']>;
  body: ParsedPart<C['body']>;
}

export type ContractOutput<C extends Contract> = z.output<C['output']>;
/** What the service returns before the output schema shapes it. */
export type ContractResult<C extends Contract> = z.input<C['output']>;

/** Fills `{param}` placeholders; values are URI-encoded. */
export function buildPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`missing path parameter ${key} for ${path}`);
    return encodeURIComponent(String(value));
  });
}

/**
 * Codes any route may answer from the pipeline itself: a bad request or one too large (413
 * PAYLOAD_TOO_LARGE, see maxBodyBytes), the database too busy or unreachable to take it now (503
 * SERVICE_BUSY: send it again later), and — on routes that need a token — a missing, expired or
 * revoked one, or a role the route does not admit. Everything else a route answers must be in its
 * `errors`; no other 5xx ever is.
 */
const pipelineErrors = {
  always: ['VALIDATION_FAILED', 'MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'SERVICE_BUSY'],
  signedIn: ['UNAUTHENTICATED', 'TOKEN_EXPIRED', 'FORBIDDEN'],
} as const satisfies Record<string, readonly ErrorCode[]>;

/** Every error code the route may answer: its own declared ones and the pipeline's. */
export function declaredErrors(contract: Contract): ReadonlySet<ErrorCode> {
  return new Set<ErrorCode>([
    ...pipelineErrors.always,
    ...(contract.access === 'public' ? [] : pipelineErrors.signedIn),
    ...(contract.orgScope ? (['OUT_OF_SCOPE'] as const) : []),
    ...contract.errors,
  ]);
}
