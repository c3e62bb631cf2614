import {
  type Campaign,
  type DeliveryDraft,
  type DeliveryEdit,
  deliveryEditFields,
  deliverySiteDraftSchema,
} from '@ankang/shared';
import { z } from 'zod';
import type { DeliveryView } from './deliveries';
import { friendlyMessage } from './signupForm';

/** What the volunteer types; numbers stay text until checked, so a half-typed box is not lost. */
export interface DeliveryFormValues {
  kind: string;
  /** Item code → quantity as typed; an empty box is an item not handed out. */
  quantities: Record<string, string>;
  peopleReached: string;
  /** Shanghai calendar date and time of day (HH:mm). */
  date: string;
  time: string;
  notes: string;
  /** 临时站点 only. */
  siteName: string;
  siteAddress: string;
  siteOrgPath: string;
}

export type DeliveryField =
  | 'kind'
  | 'items'
  | 'peopleReached'
  | 'deliveredAt'
  | 'notes'
  | 'siteName'
  | 'siteAddress'
  | 'siteOrgPath';
export type DeliveryFormErrors = Partial<Record<DeliveryField, string>>;

const SHANGHAI_MS = 8 * 3_600_000;
/** The server allows a phone clock two minutes ahead. */
const CLOCK_SKEW_MS = 2 * 60_000;

/** Now as a Shanghai date and HH:mm. */
export function shanghaiNow(now = new Date()): { date: string; time: string } {
  const iso = new Date(now.getTime() + SHANGHAI_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** `2026-07-03` + `12:30` in Shanghai as an ISO time with its offset, as the API takes it. */
export const deliveredAtOf = (date: string, time: string) => `${date}T${time}:00+08:00`;

/** An ISO time back into the Shanghai date and HH:mm the form shows. */
export function shanghaiPartsOf(iso: string): { date: string; time: string } {
  const at = Date.parse(iso);
  return Number.isFinite(at) ? shanghaiNow(new Date(at)) : shanghaiNow();
}

export function emptyDeliveryForm(campaign: Campaign, now = new Date()): DeliveryFormValues {
  return {
    kind: campaign.kinds[0]?.code ?? '',
    quantities: {},
    peopleReached: '',
    ...shanghaiNow(now),
    notes: '',
    siteName: '',
    siteAddress: '',
    siteOrgPath: '',
  };
}

/** The parts of a record the form refills from: a stored one, or one still waiting in the outbox. */
export type RecordFields = Pick<DeliveryView, 'kind' | 'peopleReached' | 'deliveredAt' | 'notes'> & {
  items: { code: string; quantity: number }[];
};

/**
 * The form filled from a stored record: for 修改 (everything, at its own time) or for 复制上一条
 * (kind, items and 人次 again; the time is now and the notes are left out, being about that visit).
 */
export function deliveryFormFrom(
  record: RecordFields,
  base: DeliveryFormValues,
  mode: 'edit' | 'copy',
): DeliveryFormValues {
  const quantities = Object.fromEntries(record.items.map((item) => [item.code, String(item.quantity)]));
  const common = { ...base, kind: record.kind, quantities, peopleReached: String(record.peopleReached) };
  if (mode === 'copy') return common;
  return { ...common, ...shanghaiPartsOf(record.deliveredAt), notes: record.notes ?? '' };
}

const wholeNumber = (text: string): number | undefined => {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : undefined;
};

const editFieldsSchema = z.object(deliveryEditFields);

const fallbacks: Partial<Record<DeliveryField, string>> = {
  kind: '请选择配送类别',
  items: '物资数量有误，请检查',
  peopleReached: '请填写服务人次（整数）',
  deliveredAt: '配送时间有误',
  notes: '备注不能超过 200 字',
  siteName: '请填写地点名称（2–40 字）',
  siteAddress: '请填写地址（2–120 字）',
  siteOrgPath: '请选择所在地区',
};

const fieldOf = (path: PropertyKey[]): DeliveryField => {
  const head = String(path[0]);
  if (head === 'position' || head === 'photoIds') return 'items';
  return (head in fallbacks ? head : 'items') as DeliveryField;
};

export type DeliveryCheck =
  | { fields: Omit<DeliveryEdit, 'version'>; site?: DeliveryDraft['site'] }
  | { errors: DeliveryFormErrors };

export interface DeliveryCheckContext {
  campaign: Campaign;
  /** 临时站点: the site's fields are checked and sent too. */
  adHoc: boolean;
  photoIds: string[];
  position?: { lat: number; lng: number; accuracy: number };
  now?: Date;
}

/**
 * Checks the form with the API's own field schemas plus what the phone can know (the season, not in
 * the future, items from the chosen kind); returns what to send, or a Chinese message per field,
 * every problem at once.
 */
export function checkDeliveryForm(values: DeliveryFormValues, context: DeliveryCheckContext): DeliveryCheck {
  const { campaign, now = new Date() } = context;
  const errors: DeliveryFormErrors = {};
  const kind = campaign.kinds.find((k) => k.code === values.kind);
  if (!kind) errors.kind = '请选择配送类别';

  const items: { code: string; quantity: number }[] = [];
  for (const item of kind?.items ?? []) {
    const typed = values.quantities[item.code]?.trim() ?? '';
    if (!typed) continue;
    const quantity = wholeNumber(typed);
    if (quantity === undefined || quantity < 1 || quantity > 100_000) {
      errors.items ??= `${item.name}的数量须为 1–100000 的整数`;
      continue;
    }
    items.push({ code: item.code, quantity });
  }
  if (kind && items.length === 0 && !errors.items) errors.items = '请至少填写一项物资的数量';

  const people = wholeNumber(values.peopleReached);
  if (people === undefined) errors.peopleReached = '请填写服务人次（整数）';

  const deliveredAt = deliveredAtOf(values.date, values.time);
  const at = Date.parse(deliveredAt);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(values.date) ||
    !/^\d{2}:\d{2}$/.test(values.time) ||
    !Number.isFinite(at)
  ) {
    errors.deliveredAt = '请选择配送时间';
  } else if (at > now.getTime() + CLOCK_SKEW_MS) {
    errors.deliveredAt = '配送时间不能晚于现在';
  } else if (values.date < campaign.season.from || values.date > campaign.season.to) {
    errors.deliveredAt = `配送日期须在活动期间内（${campaign.season.from} 至 ${campaign.season.to}）`;
  }

  const candidate = {
    kind: values.kind,
    items,
    peopleReached: people,
    photoIds: context.photoIds,
    position: context.position,
    deliveredAt,
    notes: values.notes.trim() || undefined,
  };
  const parsed = editFieldsSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path);
      errors[field] ??= friendlyMessage(field, issue.message, fallbacks);
    }
  }

  let site: DeliveryDraft['site'] | undefined;
  if (context.adHoc) {
    if (!values.siteOrgPath) errors.siteOrgPath = '请选择所在地区';
    const siteParsed = deliverySiteDraftSchema.safeParse({
      type: 'adHoc',
      name: values.siteName.trim(),
      address: values.siteAddress.trim(),
      orgPath: values.siteOrgPath,
    });
    if (siteParsed.success) site = siteParsed.data;
    else {
      for (const issue of siteParsed.error.issues) {
        const head = String(issue.path[0]);
        const field: DeliveryField =
          head === 'name' ? 'siteName' : head === 'address' ? 'siteAddress' : 'siteOrgPath';
        errors[field] ??= friendlyMessage(field, issue.message, fallbacks);
      }
    }
  }

  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { fields: parsed.data, site };
}
