import type { Campaign } from '@ankang/shared';
import type { DeliveryView, NewDeliveryBody } from './deliveries';
import type { DeliveryEditPayload, PhotoPayload } from './deliveryOutbox';
import type { OutboxEntry, OutboxState } from './outboxTypes';

/** One line of 我的配送记录: the phone's copy and the server's, as one record. */
export interface DeliveryRow {
  id: string;
  siteName: string;
  deliveredAt: string;
  kindName: string;
  /** 矿泉水 10 箱、绿豆 5 袋 */
  itemsText: string;
  peopleReached: number;
  /** The record's (or its latest edit's) way to the server; 'sent' for one only the server knows. */
  upload: {
    state: OutboxState;
    entryId?: string;
    error?: { code: string; message: string };
    isEdit: boolean;
  };
  /** As the server has it (with review and photos); null while it has not landed. */
  record: DeliveryView | null;
  photosWaiting: number;
  /** Photos the server refused (each retried by its own tap). */
  photosFailed: { entryId: string; message: string }[];
}

/** The stored record a sent 'delivery' entry got back, when it has one. */
function sentRecord(result: unknown): DeliveryView | null {
  return result && typeof result === 'object' && 'id' in result && 'review' in result
    ? (result as DeliveryView)
    : null;
}

type Fields = Pick<NewDeliveryBody, 'kind' | 'items' | 'peopleReached' | 'deliveredAt'>;

function describe(fields: Fields, campaign: Campaign | null): Pick<DeliveryRow, 'kindName' | 'itemsText'> {
  const kind = campaign?.kinds.find((k) => k.code === fields.kind);
  const itemsText = fields.items
    .map((line) => {
      const item = kind?.items.find((i) => i.code === line.code);
      return item ? `${item.name} ${line.quantity} ${item.unit}` : `${line.code} ${line.quantity}`;
    })
    .join('、');
  return { kindName: kind?.name ?? fields.kind, itemsText };
}

function fromRecord(record: DeliveryView): Pick<DeliveryRow, 'kindName' | 'itemsText'> {
  return {
    kindName: record.kindName,
    itemsText: record.items.map((i) => `${i.name} ${i.quantity} ${i.unit}`).join('、'),
  };
}

const newest = (a: OutboxEntry | undefined, b: OutboxEntry) => (!a || b.createdAt >= a.createdAt ? b : a);

/**
 * The server's records (newest first) merged with the phone's outbox: a record still on the phone
 * comes first with 待上传 / 上传中 / 失败; one sent shows as the server answered it; an edit waiting
 * to go shows on its record; photos waiting or refused are counted on their record.
 */
export function mergeDeliveryRows(
  records: DeliveryView[],
  entries: OutboxEntry[],
  campaignId: string,
  campaign: Campaign | null,
): DeliveryRow[] {
  const creates = new Map<string, OutboxEntry>();
  const edits = new Map<string, OutboxEntry>();
  const photos = new Map<string, OutboxEntry[]>();
  for (const entry of entries) {
    if (entry.kind === 'delivery') {
      if ((entry.payload as NewDeliveryBody).campaignId === campaignId) creates.set(entry.id, entry);
    } else if (entry.kind === 'deliveryEdit') {
      const { id } = entry.payload as DeliveryEditPayload;
      edits.set(id, newest(edits.get(id), entry));
    } else if (entry.kind === 'photo') {
      const { deliveryId } = entry.payload as PhotoPayload;
      photos.set(deliveryId, [...(photos.get(deliveryId) ?? []), entry]);
    }
  }

  const upload = (id: string): DeliveryRow['upload'] => {
    const edit = edits.get(id);
    if (edit && edit.state !== 'sent')
      return { state: edit.state, entryId: edit.id, error: edit.error, isEdit: true };
    const create = creates.get(id);
    if (create) return { state: create.state, entryId: create.id, error: create.error, isEdit: false };
    return { state: 'sent', isEdit: false };
  };
  const photoCounts = (id: string) => {
    const mine = photos.get(id) ?? [];
    return {
      photosWaiting: mine.filter((p) => p.state === 'pending' || p.state === 'sending').length,
      photosFailed: mine
        .filter((p) => p.state === 'failed')
        .map((p) => ({ entryId: p.id, message: p.error?.message ?? '照片上传失败' })),
    };
  };

  const onServer = new Set(records.map((r) => r.id));
  const local: DeliveryRow[] = [...creates.values()]
    .filter((entry) => !onServer.has(entry.id))
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((entry) => {
      const body = entry.payload as NewDeliveryBody;
      const record = entry.state === 'sent' ? sentRecord(entry.result) : null;
      return {
        id: entry.id,
        siteName: record?.siteName ?? entry.label,
        deliveredAt: body.deliveredAt,
        ...(record ? fromRecord(record) : describe(body, campaign)),
        peopleReached: body.peopleReached,
        upload: upload(entry.id),
        record,
        ...photoCounts(entry.id),
      };
    });
  const stored: DeliveryRow[] = records.map((record) => ({
    id: record.id,
    siteName: record.siteName,
    deliveredAt: record.deliveredAt,
    ...fromRecord(record),
    peopleReached: record.peopleReached,
    upload: upload(record.id),
    record,
    ...photoCounts(record.id),
  }));
  return [...local, ...stored];
}
