import { type Me, orgPathChain, type Session } from '@ankang/shared';
import { getOrgs } from '../db/orgs';
import type { UserItem } from '../db/users';
import { rolesOf } from './caller';
import { issueAccessToken } from './token';

/** The user as the client sees them, with their org node's name and ancestor chain (one batch read). */
export async function describeUser(user: UserItem): Promise<Me> {
  let org: Me['org'] = null;
  if (user.orgPath) {
    const chain = await getOrgs(orgPathChain(user.orgPath));
    const node = chain.at(-1);
    const own = node?.path === user.orgPath ? node : undefined;
    org = {
      path: user.orgPath,
      name: own?.name ?? user.orgPath,
      region: own?.region ?? '',
      chain: chain.map((item) => item.name),
    };
  }
  return { id: user.id, nickname: user.nickname, roles: rolesOf(user), org };
}

export async function openSession(user: UserItem, at: Date): Promise<Session> {
  const [{ token, expiresAt }, me] = await Promise.all([issueAccessToken(user, at), describeUser(user)]);
  return { token, expiresAt: expiresAt.toISOString(), me };
}
