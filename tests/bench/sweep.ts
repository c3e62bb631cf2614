/**
 * `npm run bench:sweep`: the nightly monitoring sweep at province scale. Loads 100,000 generated
 * households (file, 1–8 visits, and the monitor item an import leaves: check today) into DynamoDB
 * Local (in memory), runs the service's `runMonitoringSweep` once, then again on the same day. A
 * middleware on the functions' DynamoDB client counts the items every read returned, the items every
 * write changed, and refuses any Scan (the run then fails). Prints the first sweep's wall time,
 * items read and alerts raised, and what the second one changed (must be nothing). The last line
 * printed is one JSON summary.
 */

import { shanghaiDate } from '@ankang/shared';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startDynamoLocal } from '../../functions/local/dynamoLocal';
import { ensureTable } from '../../functions/local/table';
import { tallyDynamo } from '../support/dynamoTally';

const TABLE = 'ankang-bench-sweep';
// A smaller run for trying the bench out: BENCH_HOUSEHOLDS=5000 npm run bench:sweep (BENCH_PARALLEL=1..8)
const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 100_000);
/** Reviews in flight (the service allows 1–8); fewer shows how the sweep scales with it. */
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 8);
const BATCH = 25;
const LOAD_IN_FLIGHT = 16;

const log = (message: string) => console.log(`[bench] ${message}`);
const seconds = (fromMs: number) => ((performance.now() - fromMs) / 1000).toFixed(1);

type Generator = typeof import('./sweepHouseholds');

/** Writes every household's items with BatchWriteItem, LOAD_IN_FLIGHT batches at a time. */
async function load(db: DynamoDBDocumentClient, gen: Generator, now: Date): Promise<number> {
  const { hardshipFileToItem } = await import('../../functions/src/db/hardshipItems');
  const { visitToItem } = await import('../../functions/src/db/hardshipVisitItems');
  const { monitorToItem } = await import('../../functions/src/db/hardshipAlertItems');
  const today = shanghaiDate(now);
  const stamp = now.toISOString();
  const caseworkers = (orgPath: string) => ({
    userId: `u_bench_${orgPath.split('/').at(-1)}`,
    name: `社工${orgPath.split('/').at(-1)}`,
  });
  const started = performance.now();
  let next = 0;
  let written = 0;
  let nextReport = 10_000;

  const writeBatch = async (items: Record<string, unknown>[]) => {
    let requests = items.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: requests } }));
      requests = (result.UnprocessedItems?.[TABLE] ?? []) as typeof requests;
    }
    written += items.length;
  };
  const worker = async () => {
    let buffer: Record<string, unknown>[] = [];
    while (next < HOUSEHOLDS) {
      const n = next;
      next += 1;
      const { file, visits } = await gen.benchHousehold(n, now, caseworkers);
      buffer.push(
        hardshipFileToItem(file),
        ...visits.map(visitToItem),
        // As an import leaves it: reviewed by the next sweep.
        monitorToItem({
          fileId: file.id,
          orgPath: file.orgPath,
          checkOn: today,
          version: 1,
          updatedAt: stamp,
        }),
      );
      while (buffer.length >= BATCH) {
        const batch = buffer.slice(0, BATCH);
        buffer = buffer.slice(BATCH);
        await writeBatch(batch);
      }
      if (n + 1 >= nextReport) {
        log(
          `generated ${(n + 1).toLocaleString('en')} households, ${written.toLocaleString('en')} items (${seconds(started)} s)`,
        );
        nextReport += 10_000;
      }
    }
    if (buffer.length > 0) await writeBatch(buffer);
  };
  await Promise.all(Array.from({ length: LOAD_IN_FLIGHT }, worker));
  log(
    `loaded ${HOUSEHOLDS.toLocaleString('en')} households as ${written.toLocaleString('en')} items in ${seconds(started)} s`,
  );
  return written;
}

/** The org tree and its 低保 lines, as the seed and setPovertyLine write them. */
async function loadOrgs(db: DynamoDBDocumentClient, gen: Generator, now: Date): Promise<void> {
  const { keys } = await import('../../functions/src/db/keys');
  const { povertyLineToItem } = await import('../../functions/src/db/povertyLines');
  const stamp = now.toISOString();
  const items = [
    ...gen.benchOrgs.map((org) => ({
      ...keys.org(org.path),
      type: 'Org',
      ...org,
      version: 1,
      updatedAt: stamp,
    })),
    ...gen.benchPovertyLines.map((line) =>
      povertyLineToItem({
        ...line,
        setByUserId: 'u_bench_admin',
        setByName: '压测管理员',
        setAt: `${line.effectiveFrom}T01:00:00.000Z`,
        version: 1,
      }),
    ),
  ];
  await db.send(
    new BatchWriteCommand({ RequestItems: { [TABLE]: items.map((Item) => ({ PutRequest: { Item } })) } }),
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  log('starting DynamoDB Local (in memory, 4 GB heap)');
  const dynamo = await startDynamoLocal({ heapMb: 4096 });
  try {
    Object.assign(process.env, {
      STAGE: 'local',
      TABLE_NAME: TABLE,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      WECHAT_API_BASE: 'http://127.0.0.1:9',
      JWT_SECRET: 'bench-only-jwt-secret-0123456789abcdef',
      PSEUDONYM_KEY: 'bench-only-pseudonym-key-0123456789abcdef',
      COOLING_CODE_KEY: 'bench-only-cooling-code-key-0123456789abcdef',
      FIELD_MASTER_KEY: 'bench-only-field-master-key-0123456789abcdef',
      LOOKUP_KEY: 'bench-only-lookup-key-0123456789abcdef',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    await ensureTable(dynamo.client, TABLE);
    // The functions' modules read the environment when loaded: only now.
    const gen: Generator = await import('./sweepHouseholds');
    const { db: functionsDb } = await import('../../functions/src/db/client');
    const { runMonitoringSweep } = await import('../../functions/src/services/hardshipSweep');
    const loader = DynamoDBDocumentClient.from(dynamo.client, {
      marshallOptions: { removeUndefinedValues: true },
    });

    // 01:30 in Shanghai, when the schedule runs it.
    const now = new Date(`${shanghaiDate(new Date())}T01:30:00+08:00`);
    await loadOrgs(loader, gen, now);
    await load(loader, gen, now);

    const tally = tallyDynamo(functionsDb, 'benchSweepTally');
    log(`first sweep at ${now.toISOString()}, ${PARALLEL} reviews in flight …`);
    const firstStarted = performance.now();
    const progress = setInterval(() => {
      const so = tally.counts();
      log(
        `… ${seconds(firstStarted)} s: ${so.itemsRead.toLocaleString('en')} items read, ` +
          `${so.itemsWritten.toLocaleString('en')} written`,
      );
    }, 60_000);
    const first = await runMonitoringSweep(now, { parallel: PARALLEL }).finally(() =>
      clearInterval(progress),
    );
    const sweepMs = Math.round(performance.now() - firstStarted);
    const firstCounts = tally.reset();
    log(`first sweep: ${(sweepMs / 1000).toFixed(1)} s — ${JSON.stringify(first)}`);
    log(
      `first sweep DynamoDB: ${firstCounts.itemsRead.toLocaleString('en')} items read in ${firstCounts.readRequests.toLocaleString('en')} requests; ` +
        `${firstCounts.itemsWritten.toLocaleString('en')} items written in ${firstCounts.writeRequests.toLocaleString('en')} requests`,
    );
    log(`${((first.reviewed / sweepMs) * 1000).toFixed(0)} households reviewed per second`);

    const later = new Date(now.getTime() + 15 * 60_000);
    log(`second sweep the same day at ${later.toISOString()} …`);
    const secondStarted = performance.now();
    const second = await runMonitoringSweep(later, { parallel: PARALLEL });
    const secondCounts = tally.reset();
    log(`second sweep: ${seconds(secondStarted)} s — ${JSON.stringify(second)}`);
    log(
      `second sweep DynamoDB: ${secondCounts.itemsRead.toLocaleString('en')} items read; ` +
        `${secondCounts.itemsWritten.toLocaleString('en')} items written (changes)`,
    );
    tally.remove();

    const scans = firstCounts.scans + secondCounts.scans;
    if (scans > 0) throw new Error(`the sweep sent ${scans} Scan requests`);
    const failures: string[] = [];
    if (!first.complete) failures.push('the first sweep did not complete');
    if (first.failed + second.failed > 0) failures.push(`${first.failed + second.failed} reviews failed`);
    if (first.reviewed !== HOUSEHOLDS) failures.push(`reviewed ${first.reviewed} of ${HOUSEHOLDS}`);
    if (secondCounts.itemsWritten !== 0) failures.push('the second sweep changed something');
    for (const failure of failures) log(`FAILED: ${failure}`);
    if (failures.length > 0) process.exitCode = 1;
    log(`total run ${seconds(started)} s`);
    console.log(
      JSON.stringify({
        households: HOUSEHOLDS,
        sweepMs,
        itemsRead: firstCounts.itemsRead,
        alertsRaised: first.alertsRaised,
        secondSweepChanges: secondCounts.itemsWritten,
      }),
    );
  } finally {
    await dynamo.stop();
  }
}

main().catch((error) => {
  console.error('[bench] failed:', error);
  process.exit(1);
});
