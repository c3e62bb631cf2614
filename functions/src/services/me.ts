import type { Me } from '@ankang/shared';
import { getUser } from '../db/users';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { describeUser } from './session';

export async function getMyProfile(caller: Caller): Promise<Me> {
  const user = await getUser(caller.userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  return describeUser(user);
}
