import { type Contract, DEFAULT_MAX_BODY_BYTES } from '@ankang/shared';
import { faker } from '@faker-js/faker';
import fc from 'fast-check';
import { fake, seed as seedFaker, setFaker } from 'zod-schema-faker/v4';

setFaker(faker);

/** Who sends a request: the demo accounts signed in through the development login. */
export const callers = {
  anonymous: null,
  worker: '刘师傅（环卫工）',
  'staff in scope (张家港)': '李敏',
  admin: '周建国',
} as const;
export type Caller = keyof typeof callers;

/** 李敏's org node: an org field set to it is in her scope, so her requests get past the scope check. */
const zhangjiagang = '320000/320500/320582';

type Part = 'params' | 'query' | 'body';

/** A field's value replaced by JSON text as it stands (`NaN`, `1e309`), put in after stringifying. */
const RAW = '\u0000raw-token\u0000';

const unicodeEdges = [
  '\ud800',
  'a\udfffb',
  '\u202eevil\u202c',
  'nul\u0000byte',
  '\u001b[31m',
  '😀👩‍👩‍👧‍👦',
  'e\u0301\u0301\u0301\u0301',
  '\ufeff\u200b\u2028\u2029',
  '𠀀𪚥',
  'ﷺ\uffff\ufffe',
];

const injections = [
  "' OR '1'='1",
  "'; DROP TABLE ankang-local; --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  // A template placeholder as text, for a server that would evaluate one.
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the text itself is the hostile input
  '${7*7}{{7*7}}',
  '../../../etc/passwd',
  '{"$gt":""}',
  'USER#x',
  '=cmd|" /C calc"!A0',
  'javascript:alert(1)',
];

const numberTokens = ['NaN', 'Infinity', '-Infinity', '-0', '1e309', '-1e309', '1e-400', '9007199254740993'];

/** One hostile change to one part of a request, as fast-check picks it. */
const mutationArb = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.constant({ kind: 'drop' as const }),
  fc.record({
    kind: fc.constant('wrongType' as const),
    value: fc.constantFrom<unknown>([], {}, 0, 1, true, false, null, 'x', [[]], { a: {} }),
  }),
  fc.record({
    kind: fc.constant('huge' as const),
    units: fc.integer({ min: 100_000, max: 140_000 }),
    unit: fc.constantFrom('a', '汉', '😀'),
  }),
  fc.record({
    kind: fc.constant('deep' as const),
    depth: fc.integer({ min: 500, max: 20_000 }),
    shape: fc.constantFrom('array', 'object'),
    whole: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('text' as const),
    text: fc.oneof(
      fc.constantFrom(...unicodeEdges, ...injections),
      fc.string({ unit: 'binary', maxLength: 40 }),
    ),
  }),
  fc.record({
    kind: fc.constant('number' as const),
    token: fc.oneof(
      fc.constantFrom(...numberTokens),
      fc.integer({ min: -(2 ** 31), max: -1 }).map(String),
      fc.constantFrom('2147483648', '1e21', '0.5', '-0.0001', '0'),
    ),
  }),
  fc.record({
    kind: fc.constant('contentType' as const),
    type: fc.constantFrom('application/x-www-form-urlencoded', 'text/plain', 'application/xml'),
    asForm: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('oversize' as const),
    bytes: fc.integer({ min: 1_048_577, max: 1_200_000 }),
  }),
  fc.constant({ kind: 'pollute' as const }),
);
export type Mutation = typeof mutationArb extends fc.Arbitrary<infer M> ? M : never;

/** Everything a request is made from; `build` turns it into the request, the same every time. */
export const planArb = fc.record({
  caller: fc.constantFrom(...(Object.keys(callers) as Caller[])),
  fakerSeed: fc.nat(),
  part: fc.nat(),
  field: fc.nat(),
  mutation: mutationArb,
  realIds: fc.boolean(),
  idPick: fc.nat(),
  inScope: fc.boolean(),
});
export type Plan = typeof planArb extends fc.Arbitrary<infer P> ? P : never;

export interface HostileRequest {
  path: string;
  rawBody?: string;
  contentType?: string;
  /**
   * `rejected` when the route must refuse it: the body is over the route's limit, an anonymous
   * caller on a signed-in route, or the contract's own schemas refuse what the server will parse.
   */
  predicted: 'rejected' | 'unknown';
  /** What was done, for a failure's message. */
  summary: string;
}

/** A value the schema faker made for one part, or an empty object where it cannot (refines, unions). */
function fakePart(schema: Contract['params'], fakerSeed: number): unknown {
  if (!schema) return {};
  seedFaker(fakerSeed);
  try {
    return fake(schema as never) ?? {};
  } catch {
    return {};
  }
}

/** A query or path value as the server sees it after decoding. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(asText).join(',');
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** encodeURIComponent, but a lone surrogate (which it refuses) goes as its WTF-8 bytes. */
function encodeLoosely(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(char);
  }
  return out;
}

const hasLoneSurrogate = (text: string) => /\p{Surrogate}/u.test(text);

function deepText(depth: number, shape: string): string {
  return shape === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** The mutated value for one field of a query or path (texts, kept to a length a URL carries). */
function textValue(mutation: Mutation, current: string): string | undefined {
  switch (mutation.kind) {
    case 'drop':
      return undefined;
    case 'wrongType':
      return JSON.stringify(mutation.value);
    case 'huge':
      return mutation.unit.repeat(500);
    case 'deep':
      return deepText(Math.min(mutation.depth, 300), mutation.shape);
    case 'text':
      return mutation.text;
    case 'number':
      return mutation.token;
    case 'pollute':
      return '__proto__';
    default:
      return current;
  }
}

/** Swaps a faked id (`st_…`) for a real one of the same kind, so the input reaches the service. */
function realId(value: unknown, ids: Map<string, string[]>, pick: number): unknown {
  if (typeof value !== 'string') return value;
  const pool = ids.get(/^([a-z]+)_/.exec(value)?.[1] ?? '');
  return pool?.length ? pool[pick % pool.length] : value;
}

function withRealIds(part: unknown, plan: Plan, ids: Map<string, string[]>): unknown {
  if (!plan.realIds || !part || typeof part !== 'object' || Array.isArray(part)) return part;
  return Object.fromEntries(
    Object.entries(part).map(([key, value]) => [key, realId(value, ids, plan.idPick)]),
  );
}

/**
 * The request a plan makes for a contract: bases faked from its schemas (real ids and 李敏's org
 * node where the plan says), then the plan's one mutation applied to one part.
 */
export function build(contract: Contract, plan: Plan, ids: Map<string, string[]>): HostileRequest {
  const hasBody = contract.method !== 'GET';
  const parts: Part[] = [
    ...(contract.params ? (['params'] as const) : []),
    ...(contract.query || !hasBody ? (['query'] as const) : []),
    ...(hasBody ? (['body'] as const) : []),
  ];
  const target = parts[plan.part % parts.length]!;
  const base: Record<Part, unknown> = {
    params: withRealIds(fakePart(contract.params, plan.fakerSeed), plan, ids),
    query: fakePart(contract.query, plan.fakerSeed + 1),
    body: withRealIds(fakePart(contract.body, plan.fakerSeed + 2), plan, ids),
  };
  const scope = contract.orgScope;
  if (scope && plan.inScope) {
    const holder = base[scope.from];
    if (holder && typeof holder === 'object' && !Array.isArray(holder))
      (holder as Record<string, unknown>)[scope.field] = zhangjiagang;
  }
  const texts = (part: Part) => {
    const value = base[part];
    const fields = value && typeof value === 'object' && !Array.isArray(value) ? value : {};
    return Object.fromEntries(
      Object.entries(fields)
        .filter(([, value]) => value !== undefined)
        .map(([key, inner]) => [key, asText(inner)]),
    ) as Record<string, string>;
  };
  const params = texts('params');
  const query = texts('query');
  const mutation = plan.mutation;
  let rawBody: string | undefined;
  let contentType: string | undefined;

  if (target === 'body') {
    ({ rawBody, contentType } = mutatedBody(base.body, mutation, plan.field));
  } else {
    const fields = target === 'params' ? params : query;
    const names = Object.keys(fields);
    // A path needs every parameter: a dropped one stays, a query field missing is just absent.
    const name = names.length ? names[plan.field % names.length]! : 'x';
    const value = textValue(mutation, fields[name] ?? '');
    if (value === undefined && target === 'query') delete fields[name];
    else fields[name] = value ?? fields[name] ?? '';
    if (hasBody && contract.body) rawBody = JSON.stringify(base.body);
  }
  // A '/' inside a path parameter, or an empty one, would be another route to the gateway (GET
  // /alerts/ is the list), and a lone surrogate a path the local gateway (hapi) refuses with its own
  // answer before any route runs: neither is a hostile value for this route (bodies and queries
  // carry lone surrogates).
  for (const name of Object.keys(params))
    params[name] = params[name]!.replace(/\p{Surrogate}/gu, '\ufffd').replaceAll('/', '_') || '""';

  const path = contract.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeLoosely(params[name] ?? ''));
  const search = Object.entries(query)
    .map(([key, value]) => `${encodeLoosely(key)}=${encodeLoosely(value)}`)
    .join('&');
  const request = { path: search ? `${path}?${search}` : path, rawBody, contentType };
  return {
    ...request,
    predicted: predict(contract, plan.caller, params, query, rawBody),
    summary: `${plan.caller} ${mutation.kind} on ${target}: ${contract.method} ${request.path.slice(0, 120)} ${contentType ?? ''} body ${(rawBody ?? '').slice(0, 120)}${(rawBody?.length ?? 0) > 120 ? `… (${rawBody?.length} chars)` : ''}`,
  };
}

/** The body for a body mutation, as raw text (JSON allows no NaN: such tokens are sent as they are). */
function mutatedBody(
  base: unknown,
  mutation: Mutation,
  field: number,
): { rawBody: string; contentType?: string } {
  const object: Record<string, unknown> =
    base && typeof base === 'object' && !Array.isArray(base) ? { ...(base as Record<string, unknown>) } : {};
  const names = Object.keys(object);
  const name = names.length ? names[field % names.length]! : 'name';
  const stringify = (raw?: string) => {
    const text = JSON.stringify(object);
    return raw === undefined ? text : text.replace(JSON.stringify(RAW), raw);
  };
  switch (mutation.kind) {
    case 'none':
      return { rawBody: stringify() };
    case 'drop':
      delete object[name];
      return { rawBody: stringify() };
    case 'wrongType':
      object[name] = mutation.value;
      return { rawBody: stringify() };
    case 'huge':
      object[name] = mutation.unit.repeat(mutation.units);
      return { rawBody: stringify() };
    case 'deep':
      if (mutation.whole) return { rawBody: deepText(mutation.depth, mutation.shape) };
      object[name] = RAW;
      return { rawBody: stringify(deepText(mutation.depth, mutation.shape)) };
    case 'text':
      object[name] = mutation.text;
      return { rawBody: stringify() };
    case 'number':
      object[name] = RAW;
      return { rawBody: stringify(mutation.token) };
    case 'contentType':
      return {
        rawBody: mutation.asForm
          ? new URLSearchParams(Object.entries(object).map(([key, value]) => [key, asText(value)])).toString()
          : stringify(),
        contentType: mutation.type,
      };
    case 'oversize':
      object[name] = 'a'.repeat(mutation.bytes);
      return { rawBody: stringify() };
    case 'pollute': {
      const text = stringify();
      const extra =
        '"__proto__":{"roles":["admin"]},"constructor":{"prototype":{"admin":true}},"pk":"USER#x"';
      return { rawBody: text === '{}' ? `{${extra}}` : `{${extra},${text.slice(1)}` };
    }
  }
}

/** Whether the route must refuse the request, judged from the contract alone (see HostileRequest). */
function predict(
  contract: Contract,
  caller: Caller,
  params: Record<string, string>,
  query: Record<string, string>,
  rawBody: string | undefined,
): 'rejected' | 'unknown' {
  if (rawBody && Buffer.byteLength(rawBody) > (contract.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES))
    return 'rejected';
  if (contract.access !== 'public' && caller === 'anonymous') return 'rejected';
  // Only values the URL carries unchanged are judged: how the local gateway decodes the rest is its own.
  if (Object.values(params).some((value) => hasLoneSurrogate(value) || encodeURIComponent(value) !== value))
    return 'unknown';
  if (Object.entries(query).some(([key, value]) => hasLoneSurrogate(key + value))) return 'unknown';
  if (contract.params && !contract.params.safeParse(params).success) return 'rejected';
  if (contract.query && !contract.query.safeParse(query).success) return 'rejected';
  if (!contract.body) return 'unknown';
  let body: unknown;
  try {
    body = rawBody ? JSON.parse(rawBody) : undefined;
  } catch {
    return 'rejected';
  }
  return contract.body.safeParse(body ?? {}).success ? 'unknown' : 'rejected';
}
