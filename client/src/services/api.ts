import type { Contract, ContractCallInput, ContractOutput } from '@ankang/shared';
import { reauthenticate } from './auth';
import { ApiError } from './errors';
import { send } from './http';
import { getSession, isExpired } from './session';

async function currentToken(contract: Contract): Promise<string | null> {
  if (contract.access === 'public') return null;
  const session = getSession();
  if (!session) return null;
  if (!isExpired(session)) return session.token;
  // Known to be dead: skip the wasted round trip and sign in again first.
  const renewed = await reauthenticate();
  if (!renewed) throw new ApiError('TOKEN_EXPIRED');
  return renewed.token;
}

/**
 * Calls an API route by its contract. On a 401 while we held a token, the token is dropped (replaced
 * by a fresh sign-in on WeChat, cleared in a browser) and the call is retried once.
 */
export async function call<C extends Contract>(
  contract: C,
  input: ContractCallInput<C>,
): Promise<ContractOutput<C>> {
  const token = await currentToken(contract);
  try {
    return await send(contract, input, token);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401 || !token) throw error;
    const renewed = await reauthenticate();
    if (!renewed) throw error;
    return send(contract, input, renewed.token);
  }
}
