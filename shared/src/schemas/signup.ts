import { z } from 'zod';
import { campaignIdSchema, catalogCodeSchema, workerGroupSchema } from './campaign';
import { contactPhoneSchema } from './contactPhone';
import { localDateSchema } from './hours';
import { orgPathSchema } from './org';
import { stationLocationSchema } from './station';
import { safeText } from './text';

/** What a worksite asks for: items of one delivery kind from the campaign's catalog. */
export const requestedKindSchema = z.object({
  kind: catalogCodeSchema,
  items: z.array(catalogCodeSchema).max(50).default([]),
});

const uniqueDates = (dates: string[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  dates.forEach((date, index) => {
    if (seen.has(date)) {
      ctx.addIssue({ code: 'custom', message: `日期 ${date} 重复`, path: [index], input: date });
    }
    seen.add(date);
  });
};

/**
 * A worksite's sign-up to receive the campaign's deliveries (an enterprise union contact or a
 * crew leader fills it in). Whether the kinds, items and dates fit the campaign, and the point
 * the district, is checked by the service against the stored campaign.
 */
export const worksiteSignupDraftSchema = z
  .object({
    campaignId: campaignIdSchema,
    siteName: safeText({ label: '工地/站点名称', min: 2, max: 40 }),
    /** The district's org node (区县 or 镇/街道). */
    orgPath: orgPathSchema,
    address: safeText({ label: '地址', min: 4, max: 120 }),
    /** Picked on the map (weapp); H5 gives the address and district only. */
    location: stationLocationSchema.optional(),
    outdoorWorkers: z.number().int('人数须为整数').min(1, '户外作业人数至少 1 人').max(100_000),
    highTempWorkers: z.number().int('人数须为整数').min(0).max(100_000).default(0),
    workerGroups: z.array(workerGroupSchema).min(1, '请至少选择一类人员').max(8),
    requested: z.array(requestedKindSchema).min(1, '请至少选择一类需求').max(6),
    preferredDates: z
      .array(localDateSchema)
      .max(14, '最多选择 14 个日期')
      .superRefine(uniqueDates)
      .default([]),
    contactName: safeText({ label: '联系人', min: 2, max: 20 }),
    contactPhone: contactPhoneSchema,
    note: safeText({ label: '备注', max: 200, multiline: true }).optional(),
  })
  .refine((draft) => draft.highTempWorkers <= draft.outdoorWorkers, {
    message: '高温作业人数不能多于户外作业人数',
    path: ['highTempWorkers'],
  });
export type WorksiteSignupDraft = z.infer<typeof worksiteSignupDraftSchema>;
export type WorksiteSignupDraftInput = z.input<typeof worksiteSignupDraftSchema>;

export const volunteerSkillLabels = {
  driving: '驾驶',
  medical: '医护',
  safetyTraining: '安全培训',
  legal: '法律',
} as const;
export type VolunteerSkill = keyof typeof volunteerSkillLabels;
export const volunteerSkills = Object.keys(volunteerSkillLabels) as [VolunteerSkill, ...VolunteerSkill[]];

export const halfDayLabels = { am: '上午', pm: '下午' } as const;
export const halfDaySchema = z.enum(['am', 'pm']);

/** A half day the volunteer can go out. */
export const availabilitySlotSchema = z.object({ date: localDateSchema, slot: halfDaySchema });
export type AvailabilitySlot = z.infer<typeof availabilitySlotSchema>;

/** A volunteer's sign-up for a campaign; staff approval grants the volunteer role for it. */
export const volunteerSignupDraftSchema = z.object({
  campaignId: campaignIdSchema,
  name: safeText({ label: '姓名', min: 2, max: 20 }),
  districts: z.array(orgPathSchema).min(1, '请至少选择一个服务区域').max(10, '最多选择 10 个区域'),
  availability: z
    .array(availabilitySlotSchema)
    .min(1, '请至少选择一个可服务的时段')
    .max(120)
    .superRefine((slots, ctx) => {
      const seen = new Set<string>();
      slots.forEach((slot, index) => {
        const key = `${slot.date} ${slot.slot}`;
        if (seen.has(key)) {
          ctx.addIssue({ code: 'custom', message: `时段 ${key} 重复`, path: [index], input: slot });
        }
        seen.add(key);
      });
    }),
  skills: z.array(z.enum(volunteerSkills)).max(volunteerSkills.length).default([]),
  phone: contactPhoneSchema,
});
export type VolunteerSignupDraft = z.infer<typeof volunteerSignupDraftSchema>;
