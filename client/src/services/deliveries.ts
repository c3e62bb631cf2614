import {
  type ContractCallInput,
  type ContractOutput,
  createDelivery,
  listMyDeliveries,
  updateDelivery,
} from '@ankang/shared';
import { call } from './api';

export type DeliveryView = ContractOutput<typeof createDelivery>;
/** POST /deliveries: the draft with its client-made id. */
export type NewDeliveryBody = ContractCallInput<typeof createDelivery>['body'];
/** PUT /deliveries/{id}: the edited fields with the version the volunteer saw. */
export type DeliveryEditBody = ContractCallInput<typeof updateDelivery>['body'];

/** Retry-safe: the same id with the same content answers the record stored first. */
export function sendDelivery(body: NewDeliveryBody): Promise<DeliveryView> {
  return call(createDelivery, { body });
}

/** Retry-safe: an edit already applied answers the current record. */
export function sendDeliveryEdit(id: string, body: DeliveryEditBody): Promise<DeliveryView> {
  return call(updateDelivery, { params: { id }, body });
}

/** One page (20) of the volunteer's records in a campaign, newest first. */
export async function fetchMyDeliveries(
  campaignId: string,
  cursor?: string,
): Promise<{ items: DeliveryView[]; nextCursor?: string }> {
  const page = await call(listMyDeliveries, { query: { campaignId, cursor } });
  return { items: page.deliveries, nextCursor: page.nextCursor ?? undefined };
}

// The list hands the record it opens for 修改 to the form, so the form needs no second read.
const handedOver = new Map<string, DeliveryView>();

export function handOverDelivery(record: DeliveryView): void {
  handedOver.set(record.id, record);
}

/**
 * A record of the volunteer's by id: the one the list handed over, else looked up in their list
 * (a reloaded H5 page), a few pages at most.
 */
export async function findMyDelivery(campaignId: string, id: string): Promise<DeliveryView | null> {
  const known = handedOver.get(id);
  if (known) return known;
  let cursor: string | undefined;
  for (let page = 0; page < 5; page++) {
    const { items, nextCursor } = await fetchMyDeliveries(campaignId, cursor);
    const found = items.find((d) => d.id === id);
    if (found) return found;
    if (!nextCursor) return null;
    cursor = nextCursor;
  }
  return null;
}
