import { type HouseholdCreate, householdCreateSchema, idNumberCheckDigit } from '@ankang/shared';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type HardshipFileRecord, hardshipFileToItem, idClaimPut } from '../src/db/hardshipItems';
import { povertyLineToItem } from '../src/db/povertyLines';
import { keyedContentHash } from '../src/lib/lookupHash';
import type { Caller } from '../src/services/caller';
import { fileAudit } from '../src/services/hardshipFiles';
import { protectedFields } from '../src/services/hardshipRules';
import { shanghaiDateAfter } from './demoCampaigns';
import { demoOrgs, demoUserId, demoUsers } from './demoData';
import { type DemoHouseholdSeed, demoHouseholdSeeds, demoPovertyLines } from './demoHouseholdData';
import { demoVisitRecords, seedDemoVisits } from './demoVisits';
import { demoItemIn, putIfAbsent, transactIfAbsent } from './seedWrites';

/**
 * Demo 困难职工 files for `npm start`, written with the API's own item builders, sealing (the local
 * key provider) and keyed hashes: what the table holds is what a filing through the API would
 * leave — the ID number, phone and street address only sealed, every item marked demo.
 */

/** A fixed file id per household (`hf_` + 32 hex), so a second seed finds the first's. */
export function demoFileId(household: number): string {
  return `hf_de${String(household + 1).padStart(2, '0')}`.padEnd(35, '0');
}

/** A fictitious ID number: county, birth date, sequence, and its GB 11643 check digit. */
export function demoIdNumber(seed: Pick<DemoHouseholdSeed, 'id'>): string {
  const first17 = `${seed.id.area}${seed.id.birth}${seed.id.sequence}`;
  return `${first17}${idNumberCheckDigit(first17)}`;
}

/** The demo caseworker as the API would see them calling. */
export function demoCaller(key: string): Caller {
  const user = demoUsers.find((candidate) => candidate.key === key);
  if (!user) throw new Error(`no demo user ${key}`);
  return {
    userId: demoUserId(user),
    nickname: user.nickname,
    roles: ['worker', ...user.roles],
    orgPath: user.orgPath,
  };
}

/** The day a household was filed: three days before its first visit, in the morning. */
function filedAt(seed: DemoHouseholdSeed, at: Date): string {
  const firstVisit = Math.max(...seed.visits.map((visit) => visit.daysAgo));
  return new Date(`${shanghaiDateAfter(at, -(firstVisit + 3))}T10:00:00+08:00`).toISOString();
}

/** The create body the caseworker would have sent, checked by the API's own schema. */
export function demoCreateBody(household: number, at: Date): HouseholdCreate {
  const seed = demoHouseholdSeeds[household]!;
  const { caseworker: _c, id: _id, exitDaysAgo, consent, visits: _v, ...rest } = seed;
  return householdCreateSchema.parse({
    ...rest,
    id: demoFileId(household),
    idNumber: demoIdNumber(seed),
    ...(exitDaysAgo === undefined ? {} : { exitDate: shanghaiDateAfter(at, -exitDaysAgo) }),
    consent: { ...consent, date: filedAt(seed, at).slice(0, 10) },
  });
}

/** A household's file as the create would store it, before any visit. */
async function demoFileRecord(household: number, at: Date): Promise<HardshipFileRecord> {
  const seed = demoHouseholdSeeds[household]!;
  const body = demoCreateBody(household, at);
  const org = demoOrgs.find((node) => node.path === seed.orgPath);
  if (!org) throw new Error(`no demo org ${seed.orgPath}`);
  const caseworker = demoCaller(seed.caseworker);
  const stamp = filedAt(seed, at);
  const { id, idNumber, phone, address, consent, caseworkerUserId: _asked, ...rest } = body;
  return {
    ...rest,
    id,
    orgName: org.name,
    district: org.region,
    ...(await protectedFields(id, { idNumber, phone, address })),
    caseworkerUserId: caseworker.userId,
    caseworkerName: caseworker.nickname,
    consent: { ...consent, recordedBy: caseworker.nickname, recordedAt: stamp },
    contentHash: await keyedContentHash(body),
    createdBy: caseworker.userId,
    createdAt: stamp,
    updatedAt: stamp,
    version: 1,
    demo: true,
  };
}

/** The demo 低保 standards as setPovertyLine stores them. */
function povertyLineItems(at: Date): Record<string, unknown>[] {
  return demoPovertyLines.map((line) => {
    const setter = demoCaller(line.setBy);
    return povertyLineToItem({
      orgPath: line.orgPath,
      orgName: line.orgName,
      monthlyFen: line.monthlyFen,
      effectiveFrom: line.effectiveFrom,
      setByUserId: setter.userId,
      setByName: setter.nickname,
      setAt: new Date(
        Math.min(at.getTime(), Date.parse(`${line.effectiveFrom}T09:00:00+08:00`)),
      ).toISOString(),
      version: 1,
      demo: true,
    });
  });
}

/**
 * Seeds the 低保 lines, then each household: its file with its ID claim and 建档 event in one
 * transaction, then its visits one transaction each. Idempotent: what exists is left as it is.
 * Returns how many records were new (lines, files and visits).
 */
export async function seedDemoHouseholds(
  db: DynamoDBDocumentClient,
  tableName: string,
  at: Date,
): Promise<number> {
  let written = 0;
  for (const item of povertyLineItems(at)) written += await putIfAbsent(db, tableName, item);
  for (const [household, seed] of demoHouseholdSeeds.entries()) {
    const record = await demoFileRecord(household, at);
    const caseworker = demoCaller(seed.caseworker);
    const fileItems = [
      {
        Put: {
          TableName: tableName,
          Item: hardshipFileToItem(record),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      idClaimPut(record),
      fileAudit(caseworker, record, 'createFile', record.createdAt),
    ];
    written += await transactIfAbsent(
      db,
      fileItems.map((item) => demoItemIn(tableName, item)),
    );
    const visits = await demoVisitRecords(household, record, seed.visits, caseworker, at);
    written += await seedDemoVisits(db, tableName, record, visits, caseworker);
  }
  return written;
}
