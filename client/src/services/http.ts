import {
  buildPath,
  type Contract,
  type ContractCallInput,
  type ContractOutput,
  errorBodySchema,
} from '@ankang/shared';
import Taro from '@tarojs/taro';
import { apiBase, requestTimeoutMs, validateResponses } from './config';
import { ApiError } from './errors';

/** `?a=1&b=x,y` from a contract's query input; undefined values are left out. */
export function toQueryString(query: unknown): string {
  if (!query || typeof query !== 'object') return '';
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const text = Array.isArray(value) ? value.join(',') : String(value);
    pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
  }
  return pairs.length ? `?${pairs.join('&')}` : '';
}

/** The full URL of a call, built only from the contract (there are no hand-written URLs). */
export function urlFor<C extends Contract>(contract: C, input: ContractCallInput<C>): string {
  const params = (input.params ?? {}) as Record<string, string | number>;
  return `${apiBase}${buildPath(contract.path, params)}${toQueryString(input.query)}`;
}

function errorFromAnswer(status: number, data: unknown): ApiError {
  const parsed = errorBodySchema.safeParse(data);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(code, { status, message, details });
  }
  // An answer that is not ours (a gateway page, a proxy): keep the status, say something useful.
  if (status === 401) return new ApiError('UNAUTHENTICATED', { status });
  if (status === 403) return new ApiError('FORBIDDEN', { status });
  if (status === 404) return new ApiError('NOT_FOUND', { status });
  return new ApiError('INTERNAL', { status });
}

function parseOutput<C extends Contract>(contract: C, data: unknown): ContractOutput<C> {
  if (!validateResponses) return data as ContractOutput<C>;
  const parsed = contract.output.safeParse(data);
  if (!parsed.success) {
    console.error(`response of ${contract.name} does not match its contract`, parsed.error.issues);
    throw new ApiError('BAD_RESPONSE', { cause: parsed.error });
  }
  return parsed.data as ContractOutput<C>;
}

/**
 * One HTTP exchange for a contract, no retries: the URL from the contract, the token as a Bearer
 * header, error bodies turned into ApiError, the output checked against the contract in development.
 */
export async function send<C extends Contract>(
  contract: C,
  input: ContractCallInput<C>,
  token?: string | null,
): Promise<ContractOutput<C>> {
  const header: Record<string, string> = { Accept: 'application/json' };
  if (input.body !== undefined) header['Content-Type'] = 'application/json';
  if (token) header.Authorization = `Bearer ${token}`;

  let answer: Taro.request.SuccessCallbackResult;
  try {
    answer = await Taro.request({
      url: urlFor(contract, input),
      method: contract.method,
      header,
      data: input.body as Taro.request.Option['data'],
      dataType: 'json',
      timeout: requestTimeoutMs,
    });
  } catch (error) {
    throw new ApiError('NETWORK', { cause: error });
  }
  if (answer.statusCode < 200 || answer.statusCode >= 300)
    throw errorFromAnswer(answer.statusCode, answer.data as unknown);
  return parseOutput(contract, answer.data as unknown);
}
