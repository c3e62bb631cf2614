import { createHash, createHmac, createPrivateKey, randomUUID, sign } from 'node:crypto';
import type { Campaign } from '@ankang/shared';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../../functions/src/db/client';
import { volunteerSignupToItem } from '../../functions/src/db/signupItems';
import { handler as createHandout } from '../../functions/src/handlers/createHandout';
import { handler as getCoolingCode } from '../../functions/src/handlers/getCoolingCode';
import { handler as listCampaignHandouts } from '../../functions/src/handlers/listCampaignHandouts';
import { handler as listCoolingCodeKeys } from '../../functions/src/handlers/listCoolingCodeKeys';
import { handler as listMyHandouts } from '../../functions/src/handlers/listMyHandouts';
import { handler as reviewHandout } from '../../functions/src/handlers/reviewHandout';
import { httpEvent, invoke } from '../support/events';
import { sip, storedCampaign, storedVolunteer, zjg } from './assignmentFixtures';
import { freshOrg, freshUser } from './fixtures';

/**
 * Codes made here with Node's own Ed25519 (OpenSSL) from the test environment's secret, laid out
 * by hand — not by the code under test — so forged, expired and foreign codes are real ones.
 */
const seedOf = (secret: string) => createHash('sha256').update(secret).digest();

function keyFromSeed(seed: Buffer) {
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

function keyIdOf(seed: Buffer): string {
  const jwk = keyFromSeed(seed).export({ format: 'jwk' });
  return createHash('sha256')
    .update(Buffer.from(String(jwk.x), 'base64url'))
    .digest('hex')
    .slice(0, 8);
}

export const serverSeed = () => seedOf(String(process.env.COOLING_CODE_KEY));
export const foreignSeed = () => seedOf('someone-elses-cooling-code-key-0123456789');

/** The worker's pseudonym as the server must derive it: HMAC-SHA256 under the pseudonym key. */
export function expectedPseudonym(userId: string): string {
  return createHmac('sha256', String(process.env.PSEUDONYM_KEY))
    .update(['cooling', userId].join('\u001f'))
    .digest('hex')
    .slice(0, 32);
}

/** A code for `pseudonym` expiring at `expiresAtMs`, signed with `seed`. */
export function makeCode(pseudonym: string, expiresAtMs: number, seed: Buffer = serverSeed()): string {
  const message = ['AKC1', keyIdOf(seed), pseudonym, Math.floor(expiresAtMs / 1000).toString(36)].join('.');
  const signature = sign(null, Buffer.from(message), keyFromSeed(seed)).toString('base64url');
  return `${message}.${signature}`;
}

export const handoutId = () => `ho_${randomUUID().replace(/-/g, '')}`;

/**
 * A county under 张家港 running a campaign with a 清凉 allowance of 2 bottles of water (1.50 元)
 * per worker per day, a town in it, an approved volunteer serving the county, its staff, staff of
 * another city, a signed-in user who is neither, and a worker.
 */
export async function handoutScene(allowance: Partial<NonNullable<Campaign['coolingAllowance']>> = {}) {
  const county = await freshOrg(zjg, '测试县工会');
  const town = await freshOrg(county, '测试镇工会');
  const campaign = await storedCampaign(county, {
    kinds: [
      {
        code: 'cool',
        name: '送清凉',
        items: [
          { code: 'water', name: '矿泉水', unit: '瓶', unitCostFen: 150 },
          { code: 'tea', name: '凉茶', unit: '瓶' },
        ],
      },
    ],
    coolingAllowance: { kind: 'cool', item: 'water', perWorkerPerDay: 2, ...allowance },
  });
  const [volunteer, staff, otherStaff, stranger, worker] = await Promise.all([
    freshUser({ roles: ['volunteer'] }),
    freshUser({ roles: ['staff'], orgPath: county }),
    freshUser({ roles: ['staff'], orgPath: sip }),
    freshUser(),
    freshUser(),
  ]);
  const signup = await storedVolunteer(campaign, volunteer.userId, { name: '赵测试', districts: [county] });
  // As a real sign-up is stored: with its by-user index, through which a volunteer is recognised.
  await db.send(new PutCommand({ TableName: tableName, Item: volunteerSignupToItem(signup) }));
  return { county, town, campaign, volunteer, signup, staff, otherStaff, stranger, worker };
}

export const getCode = (token: string) =>
  invoke(getCoolingCode, httpEvent({ method: 'GET', path: '/me/cooling-code', token }));
export const getKeys = (token?: string) =>
  invoke(
    listCoolingCodeKeys,
    httpEvent({ method: 'GET', path: '/cooling-code/keys', ...(token ? { token } : {}) }),
  );
export const hand = (token: string, body: unknown) =>
  invoke(createHandout, httpEvent({ method: 'POST', path: '/handouts', token, body }));
export const mine = (token: string, campaignId: string) =>
  invoke(listMyHandouts, httpEvent({ method: 'GET', path: '/me/handouts', token, query: { campaignId } }));
export const staffList = (token: string, campaignId: string, query: Record<string, string> = {}) =>
  invoke(
    listCampaignHandouts,
    httpEvent({
      method: 'GET',
      path: `/staff/campaigns/${campaignId}/handouts`,
      token,
      params: { id: campaignId },
      query,
    }),
  );
export const review = (token: string, id: string, body: unknown) =>
  invoke(
    reviewHandout,
    httpEvent({ method: 'POST', path: `/staff/handouts/${id}/review`, token, params: { id }, body }),
  );

/** The campaign's counters at its own org, summed straight from the stored tally items. */
export async function countedAt(campaignId: string, node: string) {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `TALLY#${campaignId}#${node}` },
      ConsistentRead: true,
    }),
  );
  const sum = (name: string) => Items.reduce((total, item) => total + (Number(item[name]) || 0), 0);
  return {
    handouts: sum('t#handouts'),
    people: sum('t#people'),
    moneyFen: sum('t#moneyFen'),
    water: sum('i#cool#water#quantity'),
  };
}
