import { removePhoto } from '../platform/photos';
import { type DeliveryEditBody, type NewDeliveryBody, sendDelivery, sendDeliveryEdit } from './deliveries';
import { discardEntry, enqueue, type OutboxEntry, registerSender } from './outbox';
import { sendPhoto } from './photoUpload';
import { newRequestId } from './stations';

export { newPhotoId } from './photoUpload';

/** A client-made record id (`dl_` + 32 hex): the server's idempotency key for every retry. */
export const newDeliveryId = () => `dl_${newRequestId().replace(/-/g, '')}`;

/** What a 'photo' entry carries: the photo kept on the phone and the record it belongs to. */
export interface PhotoPayload {
  id: string;
  deliveryId: string;
  /** The platform's local reference (saved file path, or IndexedDB key on H5). */
  ref: string;
}

/** What a 'deliveryEdit' entry carries. */
export interface DeliveryEditPayload {
  id: string;
  body: DeliveryEditBody;
}

/**
 * Queues a new record, then one entry per photo that waits for it: the record can land before its
 * photos, and a photo is never sent for a record the server has not got.
 */
export async function queueDelivery(
  body: NewDeliveryBody,
  label: string,
  photos: { id: string; ref: string }[],
): Promise<void> {
  await enqueue({ id: body.id, kind: 'delivery', label, payload: body });
  for (const photo of photos) {
    const payload: PhotoPayload = { id: photo.id, deliveryId: body.id, ref: photo.ref };
    await enqueue({ id: photo.id, kind: 'photo', label, payload, dependsOn: body.id });
  }
}

/**
 * Queues an edit of a stored record, with its new photos after it. An edit entry is named by the
 * record and the version it was made on, so a double tap queues it once.
 */
export async function queueDeliveryEdit(
  payload: DeliveryEditPayload,
  label: string,
  photos: { id: string; ref: string }[],
): Promise<void> {
  const entryId = `${payload.id}@${payload.body.version}`;
  await enqueue({ id: entryId, kind: 'deliveryEdit', label, payload });
  for (const photo of photos) {
    const photoPayload: PhotoPayload = { id: photo.id, deliveryId: payload.id, ref: photo.ref };
    await enqueue({ id: photo.id, kind: 'photo', label, payload: photoPayload, dependsOn: entryId });
  }
}

/**
 * Drops a record the server refused for good (and its photos, whose files are deleted from the
 * phone): the volunteer chose to give it up rather than retry.
 */
export function discardDelivery(entryId: string, entries: OutboxEntry[]): void {
  for (const entry of entries) {
    if (entry.kind === 'photo' && entry.dependsOn === entryId)
      void removePhoto((entry.payload as PhotoPayload).ref);
  }
  discardEntry(entryId);
}

/** Once at app start, before the outbox starts: who sends each kind of delivery entry. */
export function registerDeliverySenders(): void {
  registerSender('delivery', (payload) => sendDelivery(payload as NewDeliveryBody));
  registerSender('deliveryEdit', (payload) => {
    const { id, body } = payload as DeliveryEditPayload;
    return sendDeliveryEdit(id, body);
  });
  registerSender('photo', async (payload) => {
    // Entries already queued on phones keep this shape: the owner is always their delivery.
    const { id, deliveryId, ref } = payload as PhotoPayload;
    const landed = await sendPhoto({ id, owner: { kind: 'delivery', id: deliveryId }, ref });
    // The record is saved and the photo is on the server: the phone's copy has done its work.
    await removePhoto(ref);
    return landed;
  });
}
