import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../client/src/services/outboxBackoff';
import { createOutbox } from '../../client/src/services/outboxQueue';
import { outboxStorageKey } from '../../client/src/services/outboxStore';
import type { OutboxEntry } from '../../client/src/services/outboxTypes';

/** Storage as the phone keeps it: a map of strings that outlives any one outbox (one app run). */
class FakeStorage {
  readonly data = new Map<string, string>();
  full = false;
  get(key: string) {
    return this.data.get(key) ?? null;
  }
  set(key: string, value: string) {
    // Like taroStorage: a refused write is swallowed, not thrown.
    if (!this.full) this.data.set(key, value);
  }
  entries(): OutboxEntry[] {
    return JSON.parse(this.data.get(outboxStorageKey) ?? '[]') as OutboxEntry[];
  }
}

/** The server side of an idempotent write: stored once per id, whatever the number of sends. */
class FakeServer {
  readonly stored = new Map<string, unknown>();
  calls: string[] = [];
  accept(payload: unknown) {
    const { id } = payload as { id: string };
    this.calls.push(id);
    if (!this.stored.has(id)) this.stored.set(id, payload);
    return { id, stored: true };
  }
}

const T0 = Date.UTC(2026, 6, 3, 4, 0, 0);
const offline = () => Object.assign(new Error('request:fail'), { code: 'NETWORK', status: 0 });
const httpError = (status: number, code: string, message: string) =>
  Object.assign(new Error(message), { status, code });

/** One app run: an outbox over `storage` with a hand-driven clock and timers. */
function appRun(
  storage: FakeStorage,
  options: { owner?: string | null; random?: number; now?: number } = {},
) {
  const clock = { now: options.now ?? T0 };
  let owner = options.owner === undefined ? 'u_volunteer' : options.owner;
  const timers: { at: number; callback: () => void; id: number }[] = [];
  let nextId = 1;
  const outbox = createOutbox({
    storage,
    owner: () => owner,
    now: () => clock.now,
    random: () => options.random ?? 0.5,
    setTimer: (callback, ms) => {
      const id = nextId++;
      timers.push({ at: clock.now + ms, callback, id });
      return id;
    },
    clearTimer: (id) => {
      const index = timers.findIndex((t) => t.id === id);
      if (index !== -1) timers.splice(index, 1);
    },
  });
  /** Lets pending promises settle (senders answer on the next turns of the event loop). */
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await outbox.idle();
    }
  };
  return {
    outbox,
    clock,
    timers,
    settle,
    signIn: (id: string | null) => {
      owner = id;
    },
    /** The wait the outbox asked for (ms from now), or null when no timer is set. */
    scheduledIn: () => (timers.length ? Math.min(...timers.map((t) => t.at)) - clock.now : null),
    /** Moves the clock forward, firing the timers that fall due. */
    advance: async (ms: number) => {
      clock.now += ms;
      for (const timer of timers.filter((t) => t.at <= clock.now)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.callback();
      }
      await settle();
    },
  };
}

const record = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'delivery' as const,
  label: '杨舍镇环卫所',
  payload: { id, peopleReached: 30, ...extra },
});

describe('Outbox: saved before sent', () => {
  it('writes the entry to storage as pending before the sender is called', async () => {
    const storage = new FakeStorage();
    const run = appRun(storage);
    let seenInStorage: OutboxEntry[] | null = null;
    run.outbox.registerSender('delivery', async () => {
      seenInStorage = storage.entries();
      return { ok: true };
    });
    run.outbox.start();

    await run.outbox.enqueue(record('dl_0000000000000000000000000000aaa1'));
    await run.settle();

    expect(seenInStorage).toMatchObject([{ id: 'dl_0000000000000000000000000000aaa1', state: 'sending' }]);
    expect(storage.entries()).toMatchObject([
      { id: 'dl_0000000000000000000000000000aaa1', state: 'sent', attempts: 1, result: { ok: true } },
    ]);
  });

  it('refuses the enqueue when storage cannot keep it, and sends nothing', async () => {
    const storage = new FakeStorage();
    const run = appRun(storage);
    const sent: unknown[] = [];
    run.outbox.registerSender('delivery', async (p) => sent.push(p));
    run.outbox.start();
    storage.full = true;

    await expect(run.outbox.enqueue(record('dl_0000000000000000000000000000aaa2'))).rejects.toThrow(
      'outbox storage write failed',
    );
    await run.settle();

    expect(sent).toStrictEqual([]);
    expect(storage.entries()).toStrictEqual([]);
  });

  it('queues the same id once however often it is enqueued (a double tap on 保存)', async () => {
    const storage = new FakeStorage();
    const run = appRun(storage, { owner: null });
    run.outbox.start();

    await run.outbox.enqueue(record('dl_0000000000000000000000000000aaa3'));
    await run.outbox.enqueue(record('dl_0000000000000000000000000000aaa3', { peopleReached: 99 }));

    expect(
      storage.entries().map((e) => [e.id, (e.payload as { peopleReached: number }).peopleReached]),
    ).toStrictEqual([['dl_0000000000000000000000000000aaa3', 30]]);
  });
});

describe('Outbox: network drops mid-send', () => {
  it('keeps the entry pending when the answer is lost, resends it, and the server stores it once', async () => {
    // Arrange: the first send reaches the server, but the answer never comes back.
    const storage = new FakeStorage();
    const server = new FakeServer();
    const run = appRun(storage);
    let drops = 1;
    run.outbox.registerSender('delivery', async (payload) => {
      const answer = server.accept(payload);
      if (drops-- > 0) throw offline();
      return answer;
    });
    run.outbox.start();

    // Act
    await run.outbox.enqueue(record('dl_0000000000000000000000000000bbb1'));
    await run.settle();
    const afterDrop = storage.entries()[0];
    await run.advance(run.scheduledIn() ?? 0);

    // Assert
    expect(afterDrop).toMatchObject({
      state: 'pending',
      attempts: 1,
      error: { code: 'NETWORK', message: 'request:fail' },
    });
    expect(storage.entries()[0]).toMatchObject({ state: 'sent', attempts: 2 });
    expect(storage.entries()[0]?.error).toBeUndefined();
    expect(server.calls).toStrictEqual([
      'dl_0000000000000000000000000000bbb1',
      'dl_0000000000000000000000000000bbb1',
    ]);
    expect(server.stored.size).toBe(1);
  });

  it('stops the round when offline (the next entries are not tried), and flush on reconnect sends all in order', async () => {
    const storage = new FakeStorage();
    const run = appRun(storage);
    let online = false;
    const tried: string[] = [];
    run.outbox.registerSender('delivery', async (payload) => {
      tried.push((payload as { id: string }).id);
      if (!online) throw offline();
      return {};
    });
    run.outbox.start();
    const ids = [
      'dl_000000000000000000000000000ccc1',
      'dl_000000000000000000000000000ccc2',
      'dl_000000000000000000000000000ccc3',
    ];

    // Saved while signed out, so all three wait; then the volunteer signs in with no network.
    run.signIn(null);
    for (const id of ids) await run.outbox.enqueue(record(id));
    run.signIn('u_volunteer');
    run.outbox.flush();
    await run.settle();
    const triedOffline = [...tried];
    online = true;
    run.outbox.flush();
    await run.settle();

    expect(triedOffline).toStrictEqual([ids[0]]);
    expect(tried.slice(triedOffline.length)).toStrictEqual(ids);
    expect(storage.entries().map((e) => e.state)).toStrictEqual(['sent', 'sent', 'sent']);
  });

  it('keeps 429 and 5xx answers pending and tries again after the back-off', async () => {
    const storage = new FakeStorage();
    const run = appRun(storage);
    const answers = [
      httpError(429, 'RATE_LIMITED', '操作太频繁'),
      httpError(503, 'INTERNAL', '服务暂时不可用'),
    ];
    run.outbox.registerSender('delivery', async () => {
      const next = answers.shift();
      if (next) throw next;
      return { done: true };
    });
    run.outbox.start();

    await run.outbox.enqueue(record('dl_000000000000000000000000000ddd1'));
    await run.settle();
    const first = storage.entries()[0];
    await run.advance(run.scheduledIn() ?? 0);
    const second = storage.entries()[0];
    await run.advance(run.scheduledIn() ?? 0);

    expect(first).toMatchObject({ state: 'pending', attempts: 1, error: { code: 'RATE_LIMITED' } });
    expect(second).toMatchObject({ state: 'pending', attempts: 2, error: { code: 'INTERNAL' } });
    expect(storage.entries()[0]).toMatchObject({ state: 'sent', attempts: 3, result: { done: true } });
  });
});

describe('Outbox: the app killed and started again', () => {
  it('sends a queue left pending by the last run (signed out then) with a new outbox over the same storage', async () => {
    // Arrange: first run, saved while nobody could send (signed out).
    const storage = new FakeStorage();
    const first = appRun(storage, { owner: null });
    first.outbox.registerSender('delivery', async () => {
      throw new Error('must not be sent while signed out');
    });
    first.outbox.start();
    await first.outbox.enqueue(record('dl_000000000000000000000000000eee1'));
    await first.outbox.enqueue(record('dl_000000000000000000000000000eee2'));
    await first.settle();
    const leftBehind = storage.entries().map((e) => e.state);

    // Act: the next run, signed in.
    const server = new FakeServer();
    const second = appRun(storage, { now: T0 + 3_600_000 });
    second.outbox.registerSender('delivery', async (payload) => server.accept(payload));
    second.outbox.start();
    await second.settle();

    // Assert
    expect(leftBehind).toStrictEqual(['pending', 'pending']);
    expect(server.calls).toStrictEqual([
      'dl_000000000000000000000000000eee1',
      'dl_000000000000000000000000000eee2',
    ]);
    expect(storage.entries().map((e) => e.state)).toStrictEqual(['sent', 'sent']);
  });

  it('resends an entry found "sending" (killed mid-send) and the server keeps one record', async () => {
    // Arrange: the first run's send reached the server, then the app died before the answer.
    const storage = new FakeStorage();
    const server = new FakeServer();
    const first = appRun(storage);
    first.outbox.registerSender('delivery', (payload) => {
      server.accept(payload);
      return new Promise(() => {});
    });
    first.outbox.start();
    await first.outbox.enqueue(record('dl_000000000000000000000000000fff1'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const atDeath = storage.entries()[0]?.state;

    // Act
    const second = appRun(storage);
    second.outbox.registerSender('delivery', async (payload) => server.accept(payload));
    second.outbox.start();
    await second.settle();

    // Assert
    expect(atDeath).toBe('sending');
    expect(storage.entries()[0]).toMatchObject({ state: 'sent' });
    expect(server.calls).toStrictEqual([
      'dl_000000000000000000000000000fff1',
      'dl_000000000000000000000000000fff1',
    ]);
    expect(server.stored.size).toBe(1);
  });

  it('drops entries sent more than 7 days ago at start, and keeps newer and unsent ones', async () => {
    const day = 86_400_000;
    const storage = new FakeStorage();
    const old = (id: string, state: OutboxEntry['state'], sentAt?: number): OutboxEntry => ({
      ...record(id),
      state,
      attempts: 1,
      nextAttemptAt: T0 - 9 * day,
      createdAt: T0 - 9 * day,
      owner: 'u_other',
      ...(sentAt === undefined ? {} : { sentAt }),
    });
    storage.set(
      outboxStorageKey,
      JSON.stringify([
        old('dl_0000000000000000000000000000ggg1', 'sent', T0 - 7 * day - 1),
        old('dl_0000000000000000000000000000ggg2', 'sent', T0 - 7 * day + 60_000),
        old('dl_0000000000000000000000000000ggg3', 'failed'),
      ]),
    );

    appRun(storage).outbox.start();

    expect(storage.entries().map((e) => e.id)).toStrictEqual([
      'dl_0000000000000000000000000000ggg2',
      'dl_0000000000000000000000000000ggg3',
    ]);
  });
});

describe('Outbox: back-off', () => {
  it('waits 2 s, 4 s, 8 s … and never more than 5 minutes between tries (no jitter at random = 1)', async () => {
    const storage = new FakeStorage();
    const run = appRun(storage, { random: 1 });
    run.outbox.registerSender('delivery', async () => {
      throw httpError(502, 'INTERNAL', '网关错误');
    });
    run.outbox.start();
    await run.outbox.enqueue(record('dl_0000000000000000000000000000hhh1'));
    await run.settle();

    const waits: (number | null)[] = [];
    for (let i = 0; i < 10; i++) {
      waits.push(run.scheduledIn());
      await run.advance(run.scheduledIn() ?? 0);
    }

    expect(waits).toStrictEqual([
      2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000,
    ]);
    expect(storage.entries()[0]).toMatchObject({ state: 'pending', attempts: 11 });
  });

  it('jitters each wait between half and all of its ceiling', () => {
    for (let attempts = 1; attempts <= 40; attempts++) {
      const ceiling = Math.min(300_000, 2_000 * 2 ** (attempts - 1));
      for (const random of [0, 0.25, 0.999]) {
        const delay = retryDelayMs(attempts, random);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
    expect([retryDelayMs(1, 0), retryDelayMs(3, 0.5), retryDelayMs(20, 0)]).toStrictEqual([
      1_000, 6_000, 150_000,
    ]);
  });

  it('tries again at once on flush (network back, app shown) rather than waiting out the back-off', async () => {
    const storage = new FakeStorage();
    const run = appRun(storage);
    let fail = true;
    run.outbox.registerSender('delivery', async () => {
      if (fail) throw httpError(500, 'INTERNAL', '服务器错误');
      return {};
    });
    run.outbox.start();
    await run.outbox.enqueue(record('dl_0000000000000000000000000000iii1'));
    await run.settle();
    fail = false;

    run.outbox.flush();
    await run.settle();

    expect(storage.entries()[0]?.state).toBe('sent');
  });
});

describe('Outbox: refused records', () => {
  it('marks a 4xx failed with the server’s message, leaves it alone, and retry() sends it again', async () => {
    // Arrange
    const storage = new FakeStorage();
    const run = appRun(storage);
    const answers: unknown[] = [httpError(422, 'OUTSIDE_SEASON', '配送时间不在活动期间内')];
    let sends = 0;
    run.outbox.registerSender('delivery', async () => {
      sends++;
      const next = answers.shift();
      if (next) throw next;
      return { id: 'dl_0000000000000000000000000000jjj1' };
    });
    run.outbox.start();
    await run.outbox.enqueue(record('dl_0000000000000000000000000000jjj1'));
    await run.settle();
    const refused = storage.entries()[0];
    const timerAfterRefusal = run.scheduledIn();
    await run.advance(3_600_000);
    const sendsBeforeRetry = sends;

    // Act
    run.outbox.retry('dl_0000000000000000000000000000jjj1');
    await run.settle();

    // Assert
    expect(refused).toMatchObject({
      state: 'failed',
      attempts: 1,
      error: { code: 'OUTSIDE_SEASON', message: '配送时间不在活动期间内' },
    });
    expect(timerAfterRefusal).toBeNull();
    expect(sendsBeforeRetry).toBe(1);
    expect(sends).toBe(2);
    expect(storage.entries()[0]).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('fails an entry whose sender threw something without a status (a bug, a lost file), with a Chinese message', async () => {
    const storage = new FakeStorage();
    const run = appRun(storage);
    run.outbox.registerSender('delivery', async () => {
      throw new TypeError('');
    });
    run.outbox.start();

    await run.outbox.enqueue(record('dl_0000000000000000000000000000kkk1'));
    await run.settle();

    expect(storage.entries()[0]).toMatchObject({
      state: 'failed',
      error: { code: 'INTERNAL', message: '发送失败，请稍后重试' },
    });
  });
});

describe('Outbox: order and dependencies', () => {
  it('sends a photo only after its record, even when the record needs several tries', async () => {
    // Arrange
    const storage = new FakeStorage();
    const run = appRun(storage);
    const log: string[] = [];
    let recordFailures = 2;
    run.outbox.registerSender('delivery', async (payload) => {
      log.push(`record ${(payload as { id: string }).id}`);
      if (recordFailures-- > 0) throw httpError(503, 'INTERNAL', '稍后再试');
      return {};
    });
    run.outbox.registerSender('photo', async (payload) => {
      log.push(`photo ${(payload as { id: string }).id}`);
      return {};
    });
    run.outbox.start();

    // Act: the record, then two photos that wait for it.
    await run.outbox.enqueue(record('dl_0000000000000000000000000000lll1'));
    for (const id of ['ph_0000000000000000000000000000lll1', 'ph_0000000000000000000000000000lll2']) {
      await run.outbox.enqueue({
        id,
        kind: 'photo',
        label: '杨舍镇环卫所',
        payload: { id },
        dependsOn: 'dl_0000000000000000000000000000lll1',
      });
    }
    await run.settle();
    const photosWhileRecordWaits = storage
      .entries()
      .filter((e) => e.kind === 'photo')
      .map((e) => e.state);
    await run.advance(run.scheduledIn() ?? 0);
    await run.advance(run.scheduledIn() ?? 0);

    // Assert
    expect(photosWhileRecordWaits).toStrictEqual(['pending', 'pending']);
    expect(log).toStrictEqual([
      'record dl_0000000000000000000000000000lll1',
      'record dl_0000000000000000000000000000lll1',
      'record dl_0000000000000000000000000000lll1',
      'photo ph_0000000000000000000000000000lll1',
      'photo ph_0000000000000000000000000000lll2',
    ]);
    expect(storage.entries().map((e) => e.state)).toStrictEqual(['sent', 'sent', 'sent']);
  });

  it('keeps the photos waiting while their record has failed, and discard drops them together', async () => {
    const storage = new FakeStorage();
    const run = appRun(storage);
    const photos: string[] = [];
    run.outbox.registerSender('delivery', async () => {
      throw httpError(403, 'NOT_CAMPAIGN_VOLUNTEER', '您不是该活动的志愿者');
    });
    run.outbox.registerSender('photo', async (payload) => photos.push((payload as { id: string }).id));
    run.outbox.start();
    await run.outbox.enqueue(record('dl_0000000000000000000000000000mmm1'));
    await run.outbox.enqueue({
      id: 'ph_0000000000000000000000000000mmm1',
      kind: 'photo',
      label: 'x',
      payload: { id: 'ph_0000000000000000000000000000mmm1' },
      dependsOn: 'dl_0000000000000000000000000000mmm1',
    });
    await run.advance(600_000);
    const states = storage.entries().map((e) => e.state);

    run.outbox.discard('dl_0000000000000000000000000000mmm1');

    expect(states).toStrictEqual(['failed', 'pending']);
    expect(photos).toStrictEqual([]);
    expect(storage.entries()).toStrictEqual([]);
  });

  it('sends only the signed-in user’s entries and shows only theirs (a shared phone)', async () => {
    // Arrange: each user saved one record while the app had no sender yet.
    const storage = new FakeStorage();
    const run = appRun(storage, { owner: 'u_first' });
    const sent: string[] = [];
    run.outbox.start();
    await run.outbox.enqueue(record('dl_0000000000000000000000000000nnn1'));
    run.signIn('u_second');
    await run.outbox.enqueue(record('dl_0000000000000000000000000000nnn2'));

    // Act
    run.outbox.registerSender('delivery', async (payload) => {
      sent.push((payload as { id: string }).id);
      return {};
    });
    await run.settle();
    const sentUnderSecond = [...sent];
    const shownToSecond = run.outbox.snapshot().map((e) => e.id);
    run.signIn('u_first');
    run.outbox.flush();
    await run.settle();

    // Assert
    expect(sentUnderSecond).toStrictEqual(['dl_0000000000000000000000000000nnn2']);
    expect(shownToSecond).toStrictEqual(['dl_0000000000000000000000000000nnn2']);
    expect(sent).toStrictEqual([
      'dl_0000000000000000000000000000nnn2',
      'dl_0000000000000000000000000000nnn1',
    ]);
    expect(storage.entries().map((e) => e.owner)).toStrictEqual(['u_first', 'u_second']);
  });
});
