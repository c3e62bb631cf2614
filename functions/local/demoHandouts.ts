import { createHmac } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { allowanceItem, type HandoutRecord, handoutTally, handoutToItem } from '../src/db/handoutItems';
import { buildTallyUpdates, type TallyChange } from '../src/db/tallyItems';
import { contentHash } from '../src/lib/contentHash';
import { DEMO_CAMPAIGN_ID, demoCampaigns, shanghaiDateAfter } from './demoCampaigns';
import { demoUserId } from './demoData';
import { transactIfAbsent } from './seedWrites';

const ZJG = '320000/320500/320582';
const DAXIN = '320000/320500/320582/daxin';
/**
 * The local stage's pseudonym key, as serverless.yml reads it (ANKANG_PSEUDONYM_KEY, else its
 * default), so the demo workers' 清凉码 match their seeded hand-outs and allowance counts.
 */
const LOCAL_PSEUDONYM_KEY =
  process.env.ANKANG_PSEUDONYM_KEY ?? 'local-only-pseudonym-key-not-for-deployment-01';

interface DemoHandoutSeed {
  n: number;
  worker: string;
  daysAgo: number;
  time: string;
  orgPath: string;
  placeName: string;
  mode: 'live' | 'queued';
}

/**
 * A few 清凉包 hand-outs by 赵磊 over the last days. 刘师傅 got two on one day: the second was
 * scanned offline and arrived later, so it is kept but flagged for review (待审核).
 */
const seeds: DemoHandoutSeed[] = [
  {
    n: 1,
    worker: 'worker-sanitation',
    daysAgo: 3,
    time: '11:40',
    orgPath: DAXIN,
    placeName: '大新镇工会',
    mode: 'live',
  },
  {
    n: 2,
    worker: 'worker-courier',
    daysAgo: 3,
    time: '11:52',
    orgPath: DAXIN,
    placeName: '大新镇工会',
    mode: 'live',
  },
  {
    n: 3,
    worker: 'worker-rider',
    daysAgo: 2,
    time: '12:10',
    orgPath: ZJG,
    placeName: '张家港市总工会',
    mode: 'live',
  },
  {
    n: 4,
    worker: 'worker-sanitation',
    daysAgo: 2,
    time: '12:15',
    orgPath: ZJG,
    placeName: '张家港市总工会',
    mode: 'live',
  },
  {
    n: 5,
    worker: 'worker-sanitation',
    daysAgo: 2,
    time: '15:30',
    orgPath: DAXIN,
    placeName: '大新镇工会',
    mode: 'queued',
  },
  {
    n: 6,
    worker: 'worker-courier',
    daysAgo: 1,
    time: '11:05',
    orgPath: DAXIN,
    placeName: '大新镇工会',
    mode: 'live',
  },
];

function coolingPseudonymOf(workerKey: string, pseudonymKey: string): string {
  return createHmac('sha256', pseudonymKey)
    .update(['cooling', demoUserId({ key: workerKey })].join('\u001f'))
    .digest('hex')
    .slice(0, 32);
}

export interface DemoHandout {
  record: HandoutRecord;
  /** The worker's allowance counter after this hand-out. */
  allowance: Record<string, unknown>;
  tally: TallyChange;
}

/**
 * The demo hand-outs (fixed ids, so seeding twice adds nothing), each with the allowance counter
 * and the dashboard change it makes. The allowance is the demo campaign's: one 清凉包 (35 元).
 */
export function demoHandouts(at: Date, pseudonymKey = LOCAL_PSEUDONYM_KEY): DemoHandout[] {
  const perDay = new Map<string, number>();
  return seeds.map((seed) => {
    const date = shanghaiDateAfter(at, -seed.daysAgo);
    const handedAt = new Date(`${date}T${seed.time}:00+08:00`).toISOString();
    const pseudonym = coolingPseudonymOf(seed.worker, pseudonymKey);
    const count = (perDay.get(`${pseudonym}${date}`) ?? 0) + 1;
    perDay.set(`${pseudonym}${date}`, count);
    const over = count > 1;
    const id = `ho_demo${String(seed.n).padStart(12, '0')}`;
    const record: HandoutRecord = {
      id,
      campaignId: DEMO_CAMPAIGN_ID,
      workerTag: pseudonym.slice(0, 6),
      kind: 'cool',
      item: 'cool-pack',
      itemName: '清凉包',
      unit: '份',
      quantity: 1,
      moneyFen: 3500,
      handedAt,
      date,
      place: { type: 'adHoc' },
      placeName: seed.placeName,
      orgPath: seed.orgPath,
      recorderName: '赵磊',
      mode: seed.mode,
      countThatDay: count,
      flags: over ? ['overAllowance'] : [],
      review: { status: over ? 'pending' : 'none' },
      version: 1,
      createdAt: handedAt,
      pseudonym,
      recorderUserId: demoUserId({ key: 'volunteer-1' }),
      contentHash: contentHash({ id, seed: 'demo' }),
    };
    return {
      record,
      allowance: allowanceItem(DEMO_CAMPAIGN_ID, pseudonym, date, count),
      tally: handoutTally(record, 1),
    };
  });
}

/**
 * Writes the demo hand-outs as the API does: each with its allowance counter and the dashboard
 * tallies in one transaction, skipped when the hand-out is already there (seeding twice adds
 * nothing and counts nothing twice). Returns how many were new.
 */
export async function seedDemoHandouts(
  db: DynamoDBDocumentClient,
  tableName: string,
  at: Date,
): Promise<number> {
  const campaign = demoCampaigns(at).find((entry) => entry.id === DEMO_CAMPAIGN_ID)!;
  let written = 0;
  for (const handout of demoHandouts(at)) {
    written += await transactIfAbsent(db, [
      {
        Put: {
          TableName: tableName,
          Item: handoutToItem(handout.record),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: tableName, Item: handout.allowance } },
      ...buildTallyUpdates(tableName, campaign, [handout.tally], handout.record.createdAt, 0),
    ]);
  }
  return written;
}
