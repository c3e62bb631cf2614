import { randomUUID } from 'node:crypto';
import {
  reportKindSchema,
  type Station,
  type StationDraftInput,
  type StationStatus,
  stationDraftSchema,
} from '@ankang/shared';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedStationSearch } from '../../functions/local/demoSearch';
import { fakeSecurityMarkers } from '../../functions/local/fakeWechatSecurity';
import { db, tableName } from '../../functions/src/db/client';
import { stationToItem } from '../../functions/src/db/stationItems';
import { getStationById } from '../../functions/src/db/stations';
import { insertStation, replaceStation, updateStationStatus } from '../../functions/src/db/stationWrites';
import { handler as importHandler } from '../../functions/src/handlers/importStations';
import { handler as rateStationHandler } from '../../functions/src/handlers/rateStation';
import { handler as searchHandler } from '../../functions/src/handlers/searchStations';
import { editedStation, newStation } from '../../functions/src/services/stationAdmin';
import { saveEditedStation } from '../../functions/src/services/stationMoves';
import { searchStations } from '../../functions/src/services/stationSearch';
import { tallyDynamo } from '../support/dynamoTally';
import { httpEvent, invoke } from '../support/events';
import { expectedSearchKeys } from '../support/searchIndexOracle';
import { haversineM, ownWord } from '../support/searchOracle';
import { serviceBusyAnswer } from '../support/serviceBusy';
import { freshUser } from './fixtures';
import { queue, report } from './problemCalls';
import { stationDraft, stationsByExternalId } from './stationFixtures';

// ---- An independent oracle of the index (tests/support/searchIndexOracle.ts), plus each entry's copy
// of the name and state: sort key → [partition, sort key in the index, name, state].
function expectedEntries(station: Station): Record<string, [string, string, string, string]> {
  return Object.fromEntries(
    Object.entries(expectedSearchKeys(station)).map(([sk, [partition, sortKey]]) => [
      sk,
      [partition, sortKey, station.name, station.status.state],
    ]),
  );
}
async function storedEntries(id: string): Promise<Record<string, [string, string, string, string]>> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `STATION#${id}`, ':prefix': 'SEARCH#' },
      ConsistentRead: true,
    }),
  );
  return Object.fromEntries(
    Items.map((item) => [
      item.sk as string,
      [item.gsi3pk, item.gsi3sk, item.name, (item.status as StationStatus).state] as [
        string,
        string,
        string,
        string,
      ],
    ]),
  );
}

const create = (overrides: Partial<StationDraftInput>) =>
  insertStation(newStation(stationDraftSchema.parse(stationDraft(overrides)), new Date()));

async function edit(station: Station, overrides: Partial<StationDraftInput>): Promise<Station> {
  const draft = stationDraftSchema.parse({ ...stationDraft(), ...station, ...overrides });
  return replaceStation(editedStation(station, draft, new Date()), station, station.version);
}

/** A search over the handler, from an address of its own: the per-address limit never counts these. */
const search = (query: Record<string, string>) => {
  const event = httpEvent({ path: '/stations', query });
  event.requestContext.http.sourceIp = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  return invoke(searchHandler, event);
};
type Answer = { stations: { id: string; match: string; distanceM?: number }[]; nextCursor?: string };

describe('Station search: the index kept in the station’s transaction', () => {
  it('equals the index recomputed from the stations after any sequence of create, edit, move, rename and close', async () => {
    const word = ownWord();
    const towns = ['杨舍镇', '大新镇', '金港街道', ''];
    // U+6A00–U+6A2C: no other test's run of code points reaches it (see the largest edit below).
    const longTail = Array.from({ length: 45 }, (_, i) => String.fromCodePoint(0x6a00 + i)).join('');
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('rename' as const),
        at: fc.nat(1),
        // The last one is past MAX_SEARCH_TERMS: the overflow mark comes and goes with it.
        tail: fc.constantFrom('加油站', '驿站', '人民中路店', longTail),
      }),
      fc.record({
        kind: fc.constant('address' as const),
        at: fc.nat(1),
        town: fc.constantFrom(...towns),
        no: fc.nat(999),
      }),
      fc.record({
        kind: fc.constant('move' as const),
        at: fc.nat(1),
        park: fc.boolean(),
        east: fc.double({ min: 0, max: 0.1, noNaN: true }),
      }),
      fc.record({
        kind: fc.constant('status' as const),
        at: fc.nat(1),
        state: fc.constantFrom('open', 'temporarilyClosed', 'closed'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 6 }), async (ops) => {
        let stations = [
          await create({ name: `${word}一号驿站`, address: '杨舍镇人民中路 1 号' }),
          await create({ name: `${word}二号加油站`, address: '港城大道 2 号', district: '张家港市 大新镇' }),
        ];
        for (const step of ops) {
          const current = (await getStationById(stations[step.at]!.id))!;
          let next: Station;
          if (step.kind === 'rename') next = await edit(current, { name: `${word}${step.tail}` });
          else if (step.kind === 'address')
            next = await edit(current, { address: `${step.town}新华路 ${step.no} 号` });
          else if (step.kind === 'move') {
            next = await edit(
              current,
              step.park
                ? {
                    orgPath: '320000/320500/320571',
                    district: '苏州工业园区 斜塘街道',
                    location: { lng: 120.7 + step.east, lat: 31.3 },
                  }
                : {
                    orgPath: '320000/320500/320582',
                    district: '张家港市',
                    location: { lng: 120.5 + step.east, lat: 31.87 },
                  },
            );
          } else {
            const status: StationStatus =
              step.state === 'open'
                ? { state: 'open' }
                : step.state === 'closed'
                  ? { state: 'closed', reason: '撤并' }
                  : { state: 'temporarilyClosed', reason: '检修' };
            next = await updateStationStatus(current.id, status, current.version, new Date());
          }
          stations = stations.map((s) => (s.id === next.id ? next : s));
        }
        for (const { id } of stations) {
          const stored = (await getStationById(id))!;
          expect(await storedEntries(id)).toStrictEqual(expectedEntries(stored));
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it('saves the largest edit there is in one transaction: 40 terms out and 40 in, a new id, a move with 6 open problems and a held comment', async () => {
    // A name and an address of characters no other station holds, the address as long as keeps the
    // station at exactly 40 terms (the most without the overflow mark): every old and new bigram differs.
    const run = (base: number, count: number) =>
      Array.from({ length: count }, (_, i) => String.fromCodePoint(base + i)).join('');
    // Old texts from U+6000–U+6850, new from U+7000–U+8050: apart from each other, from the
    // property test's fixed U+6A00–U+6A2C, stationSearchWide's U+4E00–U+5E31 and ownWord's U+9B00….
    const fullTexts = (org: Partial<StationDraftInput>, from: number, span: number) => {
      const base = from + Math.floor(Math.random() * span);
      for (let length = 2; length <= 60; length++) {
        const texts = { name: run(base, 20), address: run(base + 20, length) };
        const keys = Object.keys(
          expectedEntries(
            newStation(stationDraftSchema.parse(stationDraft({ ...org, ...texts })), new Date()),
          ),
        );
        if (keys.length === 40 + 1 && !keys.includes('SEARCH#@more')) return texts;
      }
      throw new Error('no address length gives 40 terms');
    };
    const zhangjiagang = { orgPath: '320000/320500/320582', district: '张家港市' };
    // In another province, and city: no place bigram is shared either.
    const park = { orgPath: '330000/330200/330203', district: '宁波市 海曙区' };
    const station = await create({
      ...zhangjiagang,
      ...fullTexts(zhangjiagang, 0x6000, 0x800),
      externalId: `X-${randomUUID()}`,
    });
    const kinds = reportKindSchema.options;
    for (const kind of kinds) {
      const answer = await report((await freshUser()).token, station.id, { kind, requestId: randomUUID() });
      expect(answer.status).toBe(201);
    }
    // A comment the (fake) WeChat check holds for review: its queue entry moves with the station.
    const held = await invoke(
      rateStationHandler,
      httpEvent({
        method: 'POST',
        path: `/stations/${station.id}/feedback`,
        token: (await freshUser()).token,
        params: { id: station.id },
        body: { stars: 3, tags: [], comment: `等审${fakeSecurityMarkers.review}` },
      }),
    );
    expect(held).toMatchObject({ status: 200, body: { commentState: 'held' } });
    const current = (await getStationById(station.id))!;
    const draft = stationDraftSchema.parse({
      ...stationDraft(),
      ...current,
      ...park,
      ...fullTexts(park, 0x7000, 0x1000),
      externalId: `Y-${randomUUID()}`,
      location: { lng: 121.55, lat: 29.87 },
    });
    const next = editedStation(current, draft, new Date());
    const [before, after] = [expectedEntries(current), expectedEntries(next)];
    expect(Object.keys({ ...before, ...after })).toHaveLength(2 * 40 + 1);
    // The transaction's items, as lib/searchText.ts counts them under DynamoDB's 100: the station, the
    // old external id's claim and the new one's, each open problem and its open slot, the held
    // comments' queue entry, and the 81 search entries.
    const sizes: number[] = [];
    db.middlewareStack.add(
      ((
        next: (args: { input: Record<string, unknown> }) => Promise<unknown>,
        context: { commandName?: string },
      ) =>
        async (args: { input: Record<string, unknown> }) => {
          if (/^TransactWrite/.test(context.commandName ?? '')) {
            sizes.push((args.input.TransactItems as unknown[]).length);
          }
          return next(args);
        }) as never,
      { step: 'initialize', name: 'largestEdit', override: true },
    );
    let saved: Station;
    try {
      saved = await saveEditedStation(next, current, current.version, new Date());
    } finally {
      db.middlewareStack.remove('largestEdit');
    }
    expect(sizes).toStrictEqual([1 + 2 + 2 * kinds.length + 1 + (2 * 40 + 1)]);
    expect(sizes[0]).toBeLessThanOrEqual(100);
    expect(await storedEntries(station.id)).toStrictEqual(expectedEntries(saved));
    const parkStaff = await freshUser({ roles: ['staff'], orgPath: park.orgPath });
    const moved = await queue(parkStaff.token, {});
    expect(moved.problems.filter((p) => p.stationId === station.id)).toHaveLength(kinds.length);
  });

  it('writes only the entries an edit changes: none for a phone, all for new hours, new and gone ones on a rename', async () => {
    const word = ownWord();
    const station = await create({ name: `${word}驿站`, address: '杨舍镇人民中路 8 号' });
    const tally = tallyDynamo(db, 'entryWrites');
    try {
      // The oracle counts from expectedEntries (above), never from the writer: the station's record,
      // plus each entry that is new or whose copy of the station differs (an entry holds its name,
      // address, place, point, host type, amenities, hours and status), plus each one left behind.
      const copied = (s: Station) =>
        JSON.stringify([s.name, s.address, s.place, s.location, s.hostType, s.amenities, s.hours, s.status]);
      const written = async (previous: Station, overrides: Partial<StationDraftInput>) => {
        tally.reset();
        const next = await edit(previous, overrides);
        const [before, after] = [expectedEntries(previous), expectedEntries(next)];
        const changed = Object.keys(after).filter(
          (sk) => !(sk in before) || copied(previous) !== copied(next),
        );
        const gone = Object.keys(before).filter((sk) => !(sk in after));
        return { next, counts: tally.counts(), expected: 1 + changed.length + gone.length, changed, gone };
      };
      const phone = await written(station, { phone: '0512-58881234' });
      expect([phone.counts.itemsWritten, phone.changed, phone.gone]).toStrictEqual([1, [], []]);
      const hours = await written(phone.next, {
        hours: { weekly: [{ day: 1, open: '08:00', close: '18:00' }] },
      });
      expect(hours.counts.itemsWritten).toBe(hours.expected);
      expect(hours.gone).toStrictEqual([]);
      expect(hours.changed).toHaveLength(Object.keys(expectedEntries(hours.next)).length);
      const renamed = await written(hours.next, { name: `${ownWord()}驿站` });
      expect(renamed.counts.itemsWritten).toBe(renamed.expected);
      expect(renamed.gone.length).toBeGreaterThan(0);
      expect(await storedEntries(station.id)).toStrictEqual(expectedEntries(renamed.next));
    } finally {
      tally.remove();
    }
  });

  it('finds a renamed station by its new name only, and loses a closed one', async () => {
    const [before, after] = [ownWord(), ownWord()];
    const station = await create({ name: `${before}驿站` });
    expect(((await search({ q: before })).body as Answer).stations.map((s) => s.id)).toStrictEqual([
      station.id,
    ]);
    const renamed = await edit(station, { name: `${after}驿站` });
    expect(((await search({ q: before })).body as Answer).stations).toStrictEqual([]);
    expect(((await search({ q: after })).body as Answer).stations.map((s) => s.id)).toStrictEqual([
      station.id,
    ]);
    await updateStationStatus(station.id, { state: 'closed', reason: '撤并' }, renamed.version, new Date());
    expect(((await search({ q: after })).body as Answer).stations).toStrictEqual([]);
  });
});

describe('Station search: the import writes places and entries too', () => {
  it('derives the town from each row’s address and indexes it; a re-import that moves it re-indexes', async () => {
    const word = ownWord();
    const externalId = `it-${word.codePointAt(0)}-${Date.now()}`;
    const header = [
      '外部编号',
      '名称',
      '地址',
      '区县',
      '组织路径',
      '经度',
      '纬度',
      '坐标系',
      '类型',
      '设施',
      '开放时间',
    ];
    const row = (address: string) => [
      externalId,
      `${word}驿站`,
      address,
      '张家港市',
      '',
      '120.55',
      '31.87',
      '',
      '社区',
      '饮水',
      '24小时',
    ];
    const { token } = await freshUser({ roles: ['staff'], orgPath: '320000/320500/320582' });
    const importRows = async (address: string) => {
      const content = Buffer.from(
        `\ufeff${[header, row(address)].map((r) => r.join(',')).join('\r\n')}\r\n`,
      ).toString('base64');
      const answer = await invoke(
        importHandler,
        httpEvent({
          method: 'POST',
          path: '/staff/stations/import',
          token,
          body: {
            orgPath: '320000/320500/320582',
            format: 'csv',
            fileName: '驿站.csv',
            content,
            dryRun: false,
          },
        }),
      );
      expect(answer).toMatchObject({ status: 200, body: { issues: [] } });
    };
    await importRows('大新镇新丰路 3 号');
    const created = (await stationsByExternalId('320000/320500/320582', [externalId])).get(externalId)!;
    expect(created.place?.town).toBe('320582107');
    expect(await storedEntries(created.id)).toStrictEqual(expectedEntries(created));
    await importRows('锦丰镇三兴路 8 号');
    const moved = (await getStationById(created.id))!;
    expect(moved.place?.town).toBe('320582103');
    expect(await storedEntries(created.id)).toStrictEqual(expectedEntries(moved));
    expect(((await search({ q: word, place: '320582107' })).body as Answer).stations).toStrictEqual([]);
    expect(
      ((await search({ q: word, place: '320582103' })).body as Answer).stations.map((s) => s.id),
    ).toStrictEqual([created.id]);
  });
});

describe('Station search: stations stored before places existed', () => {
  it('get their place and their entries from the seed, from the record as it stands', async () => {
    const word = ownWord();
    const { place: _place, ...old } = newStation(
      stationDraftSchema.parse(stationDraft({ name: `${word}驿站`, district: '张家港市 大新镇' })),
      new Date(),
    );
    await db.send(new PutCommand({ TableName: tableName, Item: stationToItem(old) }));
    expect(await storedEntries(old.id)).toStrictEqual({});
    expect(((await search({ q: word })).body as Answer).stations).toStrictEqual([]);

    expect(await seedStationSearch([old.id])).toStrictEqual({ placed: 1, indexed: 1 });
    const stored = (await getStationById(old.id))!;
    expect(stored.place).toStrictEqual({ province: '32', city: '3205', county: '320582', town: '320582107' });
    expect(await storedEntries(old.id)).toStrictEqual(expectedEntries(stored));
    expect(
      ((await search({ q: word, place: '320582107' })).body as Answer).stations.map((s) => s.id),
    ).toStrictEqual([old.id]);
    // A second run changes nothing.
    expect(await seedStationSearch([old.id])).toStrictEqual({ placed: 0, indexed: 0 });
  });
});

describe('Station search: ranking, filters and pages', () => {
  // Distances from the caller's point are computed with the tests' own haversine.
  const haversine = haversineM;
  const point = { lat: 31.87, lng: 120.55 };

  it.each([
    [
      'name before address, each nearer first, with a point',
      { lat: '31.87', lng: '120.55' },
      ['nameNear', 'nameFar', 'addressNear', 'addressFar'],
    ],
    // Without a point the centre is the mean of the four (120.578, 31.913): nameFar lies nearer it than nameNear.
    [
      'by the distance to 张家港’s centre without a point',
      { place: '320582' },
      ['nameFar', 'nameNear', 'addressNear', 'addressFar'],
    ],
    ['only 大新镇 within it', { place: '320582107' }, ['nameFar', 'addressFar']],
    [
      '24-hour ones only with 营业中 at 03:00 of any day… (all are 24 h here)',
      { openNow: 'true', lat: '31.87', lng: '120.55' },
      ['nameNear', 'nameFar', 'addressNear', 'addressFar'],
    ],
    ['gas stations only', { hostType: 'gasStation' }, ['nameFar', 'addressNear']],
    ['with a fridge', { amenities: 'fridge,water' }, ['nameNear', 'addressFar']],
  ] as const)('ranks %s', async (_case, extra, expected) => {
    const word = ownWord();
    const made = {
      nameNear: await create({
        name: `${word}服务站`,
        address: '杨舍镇人民中路 1 号',
        location: { lng: 120.551, lat: 31.871 },
        amenities: ['water', 'fridge'],
      }),
      nameFar: await create({
        name: `一站${word}`,
        address: '大新镇新丰路 9 号',
        location: { lng: 120.6, lat: 31.95 },
        hostType: 'gasStation',
      }),
      addressNear: await create({
        name: '张家港驿站',
        address: `杨舍镇${word}路 3 号`,
        location: { lng: 120.552, lat: 31.872 },
        hostType: 'gasStation',
      }),
      addressFar: await create({
        name: '张家港驿站',
        address: `大新镇${word}路 5 号`,
        location: { lng: 120.61, lat: 31.96 },
        amenities: ['fridge', 'water', 'toilet'],
      }),
    };
    const answer = await search({ q: word, ...extra });
    expect(answer.status).toBe(200);
    const names = Object.fromEntries(Object.entries(made).map(([key, s]) => [s.id, key]));
    const body = answer.body as Answer;
    expect(body.stations.map((s) => names[s.id])).toStrictEqual(expected);
    if ('place' in extra && extra.place === '320582') {
      // The oracle of that order: own haversine to the mean of the matching stations.
      const all = Object.values(made);
      const centre = {
        lat: all.reduce((sum, s) => sum + s.location.lat, 0) / all.length,
        lng: all.reduce((sum, s) => sum + s.location.lng, 0) / all.length,
      };
      const near = (a: Station, b: Station) => haversine(centre, a.location) - haversine(centre, b.location);
      expect(near(made.nameFar, made.nameNear)).toBeLessThan(0);
      expect(near(made.addressNear, made.addressFar)).toBeLessThan(0);
    }
    for (const row of body.stations) {
      expect(row.match).toBe(names[row.id]!.startsWith('name') ? 'name' : 'address');
      if ('lat' in extra) {
        const station = Object.values(made).find((s) => s.id === row.id)!;
        expect(row.distanceM).toBe(Math.round(haversine(point, station.location)));
      } else expect(row.distanceM).toBeUndefined();
    }
  });

  it('answers a place word by the place (杨舍 finds 杨舍镇 stations) after name and address matches', async () => {
    const word = ownWord();
    const inTown = await create({ name: `${word}驿站`, district: '张家港市 杨舍镇', address: '新华路 8 号' });
    // Other tests' stations share 杨舍镇: page until this one shows (a bounded number of pages).
    let answer = (await search({ q: '杨舍', place: '320582100', limit: '50' })).body as Answer & {
      place: unknown;
    };
    const seen = [...answer.stations];
    for (let page = 0; page < 40 && answer.nextCursor && !seen.some((s) => s.id === inTown.id); page++) {
      answer = (await search({ q: '杨舍', place: '320582100', limit: '50', cursor: answer.nextCursor }))
        .body as typeof answer;
      seen.push(...answer.stations);
    }
    expect(answer.place).toStrictEqual({
      code: '320582100',
      name: '杨舍镇',
      fullName: '江苏省 苏州市 张家港市 杨舍镇',
    });
    const row = seen.find((s) => s.id === inTown.id);
    expect(row?.match).toBe('place');
    const order = seen.map((s) => s.match);
    expect(order).toStrictEqual(
      [...order].sort(
        (a, b) => ['name', 'address', 'place'].indexOf(a) - ['name', 'address', 'place'].indexOf(b),
      ),
    );
  });

  it('pages through the ranking with signed cursors and refuses a forged one', async () => {
    const word = ownWord();
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await create({ name: `${word}${i}号驿站` })).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await search({ q: word, limit: '2', ...(cursor ? { cursor } : {}) })).body as Answer;
      seen.push(...page.stations.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toStrictEqual([...ids].sort());
    const first = (await search({ q: word, limit: '2' })).body as Answer;
    const [payload, signature] = first.nextCursor!.split('.');
    const forged = `${Buffer.from(JSON.stringify({ offset: '0' })).toString('base64url')}.${signature}`;
    for (const bad of [forged, `${payload}.AAAA`, payload!, 'x.y.z']) {
      expect(await search({ q: word, limit: '2', cursor: bad })).toStrictEqual({
        status: 400,
        body: { error: { code: 'BAD_CURSOR', message: '翻页参数无效，请从第一页重新查询' } },
      });
    }
    // A real cursor of another search does not open this one.
    expect((await search({ q: `${word}0`, limit: '2', cursor: first.nextCursor! })).status).toBe(400);
  });

  it('reads with Queries only: no Scan, no filter expression, and exactly the requests and items its route takes', async () => {
    // In 广西 (南宁 兴宁区), where no other test puts a station: what each search reads is known here.
    // 33 stations hold the pair ab only, one the whole word abc: ab's range is 34 (a probe of 32 is
    // cut short), bc's is 1; the province's place range is 34 too; nothing is under the overflow mark.
    const nanning = { district: '南宁市 兴宁区', orgPath: '450000/450100/450102' };
    const word = ownWord();
    const ab = word.slice(0, 2);
    for (let i = 0; i < 33; i++) await create({ ...nanning, name: `${ab}${i}号站` });
    await create({ ...nanning, name: `${word}驿站` });
    const sent: { command: string; input: Record<string, unknown> }[] = [];
    db.middlewareStack.add(
      ((
        next: (args: { input: Record<string, unknown> }) => Promise<unknown>,
        context: { commandName?: string },
      ) =>
        async (args: { input: Record<string, unknown> }) => {
          sent.push({ command: context.commandName ?? '', input: args.input });
          return next(args);
        }) as never,
      { step: 'initialize', name: 'searchCommands', override: true },
    );
    const tally = tallyDynamo(db, 'searchTally');
    const seen: Record<string, [number, number, number]> = {};
    try {
      for (const [name, query] of [
        ['abc', { q: word, place: '45' }],
        ['ab', { q: ab, place: '45' }],
        ['place', { place: '45' }],
        ['ab open now in the county', { q: ab, place: '450102', openNow: 'true' }],
      ] as const) {
        tally.reset();
        const answer = await searchStations(
          { amenities: [], limit: 20, ...query, openNow: 'openNow' in query },
          new Date(),
        );
        const counts = tally.counts();
        seen[name] = [counts.readRequests, counts.itemsRead, answer.stations.length];
      }
    } finally {
      tally.remove();
      db.middlewareStack.remove('searchCommands');
    }
    // [requests, items, stations answered]:
    // abc: probes of ab (32, cut short) then bc (1, whole), the overflow range (empty), one BatchGet.
    // ab: the probe (32), read on to its end (2 more), the overflow range, the page's BatchGet (20).
    // place: the probe (32) and the rest (2) of 广西's place range, the BatchGet; no overflow range.
    expect(seen).toStrictEqual({
      abc: [4, 32 + 1 + 1, 1],
      ab: [4, 32 + 2 + 20, 20],
      place: [3, 32 + 2 + 20, 20],
      'ab open now in the county': [4, 32 + 2 + 20, 20],
    });
    const reads = sent.filter((s) => /^(Query|Scan|BatchGet)/.test(s.command));
    expect(reads.filter((s) => s.command.startsWith('Scan'))).toStrictEqual([]);
    expect(reads.filter((s) => 'FilterExpression' in s.input)).toStrictEqual([]);
    expect(reads.filter((s) => s.command.startsWith('Query') && s.input.IndexName !== 'gsi3')).toStrictEqual(
      [],
    );
  });

  it('refuses words longer than the search matches once normalised (NFKC widens ㍿ to 株式会社), before reading', async () => {
    // 15 × 4 = 60 characters are searched; 16 × 4 = 64 are not, though the contract's 30 allow both.
    expect((await search({ q: '㍿'.repeat(15) })).status).toBe(200);
    expect(await search({ q: '㍿'.repeat(16) })).toStrictEqual({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: '提交的内容有误，请检查后重试',
          details: { issues: [{ path: 'query.q', message: '搜索内容过长，请减少字数' }] },
        },
      },
    });
  });
});

describe('Station search: a table that cannot take the reads', () => {
  it('answers 503 SERVICE_BUSY when the index refuses, and leaves no read of it unhandled', async () => {
    const word = ownWord();
    await create({ name: `${word}驿站` });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    // Every Query of the search index fails as DynamoDB does when overloaded: the probes at once, the
    // overflow mark's range (read beside them) a little later, after the search has failed.
    const name = 'searchThrottled';
    db.middlewareStack.add(
      ((next: (args: { input: Record<string, unknown> }) => Promise<unknown>) =>
        async (args: { input: Record<string, unknown> }) => {
          if (args.input.IndexName !== 'gsi3') return next(args);
          const values = args.input.ExpressionAttributeValues as Record<string, string>;
          if (values[':pk'] === 'STN_Q#@more') await new Promise((resolve) => setTimeout(resolve, 50));
          throw Object.assign(new Error('Throughput exceeds the current capacity (test)'), {
            name: 'ProvisionedThroughputExceededException',
          });
        }) as never,
      { step: 'initialize', name, override: true },
    );
    try {
      const event = httpEvent({ path: '/stations', query: { q: word } });
      event.requestContext.http.sourceIp = `10.8.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
      const answer = await invoke(searchHandler, event);
      expect(answer).toStrictEqual(serviceBusyAnswer(event.requestContext.requestId));
      // The overflow read fails after the answer: a rejection nobody awaits would show here.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(unhandled).toStrictEqual([]);
    } finally {
      db.middlewareStack.remove(name);
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
