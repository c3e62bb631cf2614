import { MAX_DELIVERY_PHOTOS } from '@ankang/shared';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchMyDeliveries } from '../services/deliveries';
import {
  checkDeliveryForm,
  type DeliveryFormErrors,
  type DeliveryFormValues,
  deliveryFormFrom,
  emptyDeliveryForm,
  type RecordFields,
} from '../services/deliveryForm';
import { newDeliveryId, queueDelivery, queueDeliveryEdit } from '../services/deliveryOutbox';
import { toApiError } from '../services/errors';
import { type OutboxEntry, OutboxStorageError, useOutbox } from '../services/outbox';
import type { DeliveryContext, DeliveryFormMode } from './useDeliveryContext';
import { useDeliveryPosition } from './useDeliveryPosition';
import { usePhotoField } from './usePhotoField';

export type { FormPhoto } from './usePhotoField';

export const MAX_PHOTOS = MAX_DELIVERY_PHOTOS;

/** The newest record of the campaign still in (or sent through) this phone's outbox. */
function newestQueued(
  entries: OutboxEntry[],
  campaignId: string,
): { at: number; fields: RecordFields } | null {
  let newest: { at: number; fields: RecordFields } | null = null;
  for (const entry of entries) {
    const payload = entry.payload as Partial<RecordFields> & { campaignId?: string };
    if (entry.kind !== 'delivery' || payload.campaignId !== campaignId) continue;
    if (!newest || entry.createdAt > newest.at)
      newest = { at: entry.createdAt, fields: payload as RecordFields };
  }
  return newest;
}

/**
 * The 记录配送 form: values, photos, position, 复制上一条 and 保存. Saving never waits for the
 * network: the record (then each photo) goes to the outbox and the page returns to the list.
 */
export function useDeliveryForm(mode: DeliveryFormMode | null, context: DeliveryContext | undefined) {
  const editing = mode?.kind === 'edit';
  const [values, setValues] = useState<DeliveryFormValues | null>(null);
  const [errors, setErrors] = useState<DeliveryFormErrors>({});
  // The photos go to the outbox with the record (see save), never through field.upload.
  const field = usePhotoField(MAX_PHOTOS);
  const { photos, load: loadPhotos, keep: keepPhotos } = field;
  const [saving, setSaving] = useState(false);
  const [copying, setCopying] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // One id per form: a second tap on 保存 names the same record, and the outbox keeps it once.
  const recordId = useRef(newDeliveryId());
  const { position, relocate } = useDeliveryPosition(Boolean(context) && !editing);
  const { entries } = useOutbox();

  useEffect(() => {
    if (!context || values) return;
    const base = emptyDeliveryForm(context.campaign);
    if (context.record) {
      setValues(deliveryFormFrom(context.record, base, 'edit'));
      loadPhotos(context.record.photos);
    } else setValues(base);
  }, [context, values, loadPhotos]);

  const set = useCallback(<K extends keyof DeliveryFormValues>(key: K, value: DeliveryFormValues[K]) => {
    setValues((current) => (current ? { ...current, [key]: value } : current));
  }, []);

  /** 复制上一条: the newest record of this campaign, from the phone's outbox or the server. */
  const copyLast = useCallback(async () => {
    if (!context || !mode || copying) return;
    setCopying(true);
    setNotice(null);
    try {
      const queued = newestQueued(entries, mode.campaignId);
      let server: { at: number; fields: RecordFields } | null = null;
      try {
        const first = (await fetchMyDeliveries(mode.campaignId)).items[0];
        if (first) server = { at: Date.parse(first.createdAt), fields: first };
      } catch (error) {
        // Offline: the phone's own records still serve.
        if (!queued) throw error;
      }
      const last = queued && (!server || queued.at >= server.at) ? queued : server;
      if (!last) {
        setNotice('还没有可以复制的记录');
        return;
      }
      setValues((current) => (current ? deliveryFormFrom(last.fields, current, 'copy') : current));
      setErrors({});
      setNotice('已复制上一条记录的类别、物资和人次，请核对后保存');
    } catch (error) {
      setNotice(`复制失败：${toApiError(error).message}`);
    } finally {
      setCopying(false);
    }
  }, [context, mode, copying, entries]);

  /** True when the record is in the outbox (the page then returns to the list). */
  const save = useCallback(async (): Promise<boolean> => {
    if (!context || !mode || !values || saving) return false;
    const point =
      position.kind === 'located'
        ? { lat: position.lat, lng: position.lng, accuracy: Math.round(position.accuracy) }
        : undefined;
    const check = checkDeliveryForm(values, {
      campaign: context.campaign,
      adHoc: mode.kind === 'adHoc',
      photoIds: photos.map((p) => p.id),
      position: editing ? context.record?.position : point,
    });
    if ('errors' in check) {
      setErrors(check.errors);
      void Taro.showToast({ title: '请按提示修改后再保存', icon: 'none' });
      return false;
    }
    setErrors({});
    setSaving(true);
    const newPhotos = photos.flatMap((p) => (p.stored ? [] : [{ id: p.id, ref: p.ref }]));
    const label = context.site?.name ?? values.siteName.trim();
    try {
      if (mode.kind === 'edit' && context.record) {
        const body = { version: context.record.version, ...check.fields };
        await queueDeliveryEdit({ id: context.record.id, body }, label, newPhotos);
      } else {
        const site =
          mode.kind === 'task' ? { type: 'assigned' as const, assignmentId: mode.taskId } : check.site;
        if (!site) return false;
        const body = { id: recordId.current, campaignId: mode.campaignId, site, ...check.fields };
        await queueDelivery(body, label, newPhotos);
      }
      keepPhotos();
      void Taro.showToast({ title: '已保存，联网后自动上传', icon: 'none', duration: 2000 });
      return true;
    } catch (error) {
      const message =
        error instanceof OutboxStorageError ? '手机存储空间不足，记录未能保存' : toApiError(error).message;
      void Taro.showToast({ title: message, icon: 'none', duration: 3000 });
      return false;
    } finally {
      setSaving(false);
    }
  }, [context, mode, values, saving, position, photos, editing, keepPhotos]);

  return {
    values,
    errors,
    set,
    photos,
    addPhotos: field.add,
    removePhoto: field.remove,
    position,
    relocate,
    copyLast,
    copying,
    notice,
    save,
    saving,
    editing,
  };
}
