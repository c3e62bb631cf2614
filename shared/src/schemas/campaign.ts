import { z } from 'zod';
import { localDateSchema } from './hours';
import { orgPathSchema } from './org';
import { safeText } from './text';

/** The worker groups unions name in their 三送 reports; a campaign targets some of them. */
export const workerGroupLabels = {
  sanitation: '环卫工人',
  courier: '快递员',
  foodDelivery: '外卖骑手',
  construction: '建筑工人',
  traffic: '交通运输',
  power: '电力工人',
  truckDriver: '货车司机',
  other: '其他户外劳动者',
} as const;
export type WorkerGroup = keyof typeof workerGroupLabels;
export const workerGroups = Object.keys(workerGroupLabels) as [WorkerGroup, ...WorkerGroup[]];
export const workerGroupSchema = z.enum(workerGroups);

/** A short code staff choose for a kind or an item, stable across edits (送清凉 → cool, 矿泉水 → water). */
export const catalogCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, '编码只能用小写字母、数字和短横线，以字母开头，最多 32 位');

/** One thing handed out or one service given: 矿泉水 (箱), 藿香正气水 (盒), 健康体检 (人次). */
export const catalogItemSchema = z.object({
  code: catalogCodeSchema,
  name: safeText({ label: '物资名称', max: 20 }),
  unit: safeText({ label: '单位', max: 6 }),
  /** Optional unit cost in 分 (1/100 元), whole numbers so totals add up exactly. */
  unitCostFen: z
    .number()
    .int('单价最多精确到分')
    .min(0, '单价不能为负数')
    .max(10_000_000, '单价不能超过 10 万元')
    .optional(),
});
export type CatalogItem = z.infer<typeof catalogItemSchema>;

/** Unique by `code` within the list: a repeated code is reported on its second occurrence. */
function uniqueCodes<T extends { code: string }>(what: string) {
  return (list: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    list.forEach((entry, index) => {
      if (seen.has(entry.code)) {
        ctx.addIssue({
          code: 'custom',
          message: `${what}编码“${entry.code}”重复`,
          path: [index, 'code'],
          input: entry.code,
        });
      }
      seen.add(entry.code);
    });
  };
}

/** A delivery kind (送清凉, 送健康, 送安全, 送法律, 送技能 …) and its item catalog: data, not code. */
export const deliveryKindSchema = z.object({
  code: catalogCodeSchema,
  name: safeText({ label: '类别名称', min: 2, max: 10 }),
  items: z
    .array(catalogItemSchema)
    .min(1, '每个类别至少一项物资或服务')
    .max(50, '每个类别最多 50 项')
    .superRefine(uniqueCodes('物资')),
});
export type DeliveryKind = z.infer<typeof deliveryKindSchema>;

/** An inclusive range of Shanghai dates, `from` not after `to`. */
export const dateRangeSchema = z
  .object({ from: localDateSchema, to: localDateSchema })
  .refine((range) => range.from <= range.to, { message: '结束日期不能早于开始日期', path: ['to'] });
export type DateRange = z.infer<typeof dateRangeSchema>;

export const campaignStatusLabels = {
  draft: '草稿',
  open: '报名中',
  closed: '已结束报名',
  archived: '已归档',
} as const;
export type CampaignStatus = keyof typeof campaignStatusLabels;
export const campaignStatuses = Object.keys(campaignStatusLabels) as [CampaignStatus, ...CampaignStatus[]];
export const campaignStatusSchema = z.enum(campaignStatuses);

/**
 * The moves a campaign's status may make: opened from a draft, closed, reopened while the season
 * lasts (a late site), archived once closed. Nothing returns to draft or leaves the archive.
 */
export const campaignTransitions: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ['open'],
  open: ['closed'],
  closed: ['open', 'archived'],
  archived: [],
};

/**
 * A personal daily 清凉 allowance redeemed with the worker's 清凉码: at most `perWorkerPerDay` of one
 * catalog item per worker per (Shanghai) day, handed out by volunteers or station staff.
 */
export const coolingAllowanceSchema = z.object({
  kind: catalogCodeSchema,
  item: catalogCodeSchema,
  perWorkerPerDay: z
    .number()
    .int('每人每天的份数须为整数')
    .min(1, '每人每天至少 1 份')
    .max(10, '每人每天最多 10 份'),
});
export type CoolingAllowance = z.infer<typeof coolingAllowanceSchema>;

/** A campaign's own fields, without the cross-field rule (stored records are read with these). */
const campaignFieldsSchema = z.object({
  /** The union node running it; every org under it sees the campaign. */
  orgPath: orgPathSchema,
  title: safeText({ label: '活动名称', min: 4, max: 40 }),
  season: dateRangeSchema,
  signup: dateRangeSchema,
  kinds: z
    .array(deliveryKindSchema)
    .min(1, '至少设置一个“送”的类别')
    .max(6, '最多 6 个类别')
    .superRefine(uniqueCodes('类别')),
  targetGroups: z.array(workerGroupSchema).min(1, '请至少选择一类服务对象').max(workerGroups.length),
  /** Absent when the campaign hands out nothing against a 清凉码. */
  coolingAllowance: coolingAllowanceSchema.optional(),
});

/** The catalog item an allowance names, when the campaign's catalog has it. */
export function allowanceItem(
  draft: { kinds: DeliveryKind[] },
  allowance: CoolingAllowance,
): CatalogItem | undefined {
  return draft.kinds
    .find((kind) => kind.code === allowance.kind)
    ?.items.find((item) => item.code === allowance.item);
}

/** What staff write about a campaign (create, edit, copy from last year). */
export const campaignDraftSchema = campaignFieldsSchema.superRefine((draft, ctx) => {
  // A sign-up after the season ends could never be served.
  if (draft.signup.to > draft.season.to) {
    ctx.addIssue({
      code: 'custom',
      message: '报名截止日期不能晚于活动结束日期',
      path: ['signup', 'to'],
      input: draft.signup.to,
    });
  }
  // An allowance of something the catalog does not list could never be counted or costed.
  if (draft.coolingAllowance && !allowanceItem(draft, draft.coolingAllowance)) {
    ctx.addIssue({
      code: 'custom',
      message: '清凉额度须选择本活动物资清单中的一项',
      path: ['coolingAllowance', 'item'],
      input: draft.coolingAllowance.item,
    });
  }
});
export type CampaignDraft = z.infer<typeof campaignDraftSchema>;
export type CampaignDraftInput = z.input<typeof campaignDraftSchema>;

export const campaignIdSchema = z.string().regex(/^cp_[0-9a-z]{8,32}$/, '活动编号格式不正确');

/** A stored campaign. */
export const campaignSchema = campaignFieldsSchema.extend({
  id: campaignIdSchema,
  status: campaignStatusSchema,
  version: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Campaign = z.infer<typeof campaignSchema>;
