/** What an outbox entry carries; each kind has one sender, registered at app start. */
export type OutboxKind = 'delivery' | 'deliveryEdit' | 'photo' | 'handout';

/** 待上传 / 上传中 / 已上传 / 失败（点击重试）. */
export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed';

export const outboxStateLabels: Record<OutboxState, string> = {
  pending: '待上传',
  sending: '上传中',
  sent: '已上传',
  failed: '失败（点击重试）',
};

export interface OutboxEntry {
  /** The record's own client-made id (dl_…, ph_…, ho_…): the server's idempotency key. */
  id: string;
  kind: OutboxKind;
  /** What the list shows for it, e.g. the site's name. */
  label: string;
  payload: unknown;
  state: OutboxState;
  /** Sends tried so far (a failure that will be retried counts one). */
  attempts: number;
  /** Epoch ms before which a pending entry is not tried again (back-off). */
  nextAttemptAt: number;
  createdAt: number;
  /** The id of an entry that must be sent first (a photo waits for its record). */
  dependsOn?: string;
  /** The last failure: the server's code and Chinese message. */
  error?: { code: string; message: string };
  /** The sender's answer once sent (e.g. the stored record). */
  result?: unknown;
  /** Epoch ms it was sent; sent entries are dropped a week later. */
  sentAt?: number;
  /** The signed-in user who made it: only their session sends it (a shared phone keeps them apart). */
  owner?: string;
}

export type OutboxSender = (payload: unknown) => Promise<unknown>;

/** What the outbox needs of the world, so tests can give it fakes. */
export interface OutboxDeps {
  /** Sync string storage (Taro storage in the app); must keep what it is given across restarts. */
  storage: {
    get(key: string): string | null;
    set(key: string, value: string): void;
  };
  /** Who is signed in now; null: nothing is sent. */
  owner(): string | null;
  now(): number;
  /** In [0, 1): the back-off's jitter. */
  random(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

/** Thrown by enqueue when the entry could not be written to storage (full or blocked). */
export class OutboxStorageError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('outbox storage write failed', options);
    this.name = 'OutboxStorageError';
  }
}
