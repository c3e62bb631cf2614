import {
  type AvailabilitySlot,
  type Campaign,
  type CampaignStatus,
  halfDayLabels,
  type OrgNode,
} from '@ankang/shared';
import { monthDay } from './outreachDates';

/** The status move's verb as staff read it on a button (开始报名, 结束报名, 重新开放, 归档). */
export function campaignMoveLabel(from: CampaignStatus, to: CampaignStatus): string {
  if (to === 'open') return from === 'draft' ? '开始报名' : '重新开放';
  if (to === 'closed') return '结束报名';
  if (to === 'archived') return '归档';
  return '改为草稿';
}

/** What the move does, said before staff confirm it. */
export function campaignMoveEffect(from: CampaignStatus, to: CampaignStatus): string {
  if (to === 'open' && from === 'draft') return '开始报名后，职工和志愿者即可看到并报名此活动。';
  if (to === 'open') return '重新开放后可继续接受报名（例如补报的工地），已有的报名和任务不变。';
  if (to === 'closed') return '结束报名后不再接受新的报名，已通过的报名和已分配的任务不受影响。';
  if (to === 'archived') return '归档后活动不能再修改或重新开放，只能查阅，或作为以后活动的模板复制。';
  return '';
}

/** Item names of a campaign's catalog, by kind code then item code. */
export function catalogNames(campaign: Campaign | undefined) {
  const kinds = new Map<string, { name: string; items: Map<string, string> }>();
  for (const kind of campaign?.kinds ?? []) {
    kinds.set(kind.code, {
      name: kind.name,
      items: new Map(kind.items.map((item) => [item.code, item.name])),
    });
  }
  return kinds;
}

/** 送清凉：矿泉水、绿豆 · 送健康 — requested kinds and items by name (a code no longer listed as is). */
export function requestedText(
  requested: { kind: string; items: string[] }[],
  names: ReturnType<typeof catalogNames>,
): string {
  return requested
    .map(({ kind, items }) => {
      const entry = names.get(kind);
      const itemNames = items.map((code) => entry?.items.get(code) ?? code);
      return itemNames.length ? `${entry?.name ?? kind}：${itemNames.join('、')}` : (entry?.name ?? kind);
    })
    .join(' · ');
}

/** 7月1日上午、下午，7月2日上午 … (at most `limit` dates, then how many more half days). */
export function availabilityText(slots: AvailabilitySlot[], limit = 4): string {
  const byDate = new Map<string, string[]>();
  for (const slot of [...slots].sort((a, b) => (a.date + a.slot).localeCompare(b.date + b.slot))) {
    const list = byDate.get(slot.date) ?? [];
    list.push(halfDayLabels[slot.slot]);
    byDate.set(slot.date, list);
  }
  const dates = [...byDate.entries()];
  const shown = dates.slice(0, limit).map(([date, halves]) => `${monthDay(date)}${halves.join('、')}`);
  const rest = dates.slice(limit).reduce((n, [, halves]) => n + halves.length, 0);
  return `共 ${slots.length} 个半天：${shown.join('，')}${rest ? ` 等（另有 ${rest} 个半天）` : ''}`;
}

/** Org names by path, for districts named by path only (a volunteer's service areas). */
export function orgNamer(orgs: OrgNode[]): (path: string) => string {
  const names = new Map(orgs.map((org) => [org.path, org.region || org.name]));
  return (path) => names.get(path) ?? path;
}
