import { z } from 'zod';
import { maskedPhoneSchema } from '../domain/idNumber';
import { campaignIdSchema, catalogCodeSchema, workerGroupSchema } from './campaign';
import { contactPhoneSchema } from './contactPhone';
import { localDateSchema } from './hours';
import { orgPathSchema } from './org';
import { stationLocationSchema } from './station';
import { safeText } from './text';
import { expectedVersionSchema } from './writes';

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
    contactPhone: contactPhoneSchema.optional(),
    /**
     * A returning contact keeps the phone of their own earlier sign-up without seeing it unmasked:
     * the server copies it from that sign-up (which must be the caller's).
     */
    reusePhoneFrom: z
      .string()
      .regex(/^ws_[0-9a-z]{16,40}$/, '报名编号格式不正确')
      .optional(),
    note: safeText({ label: '备注', max: 200, multiline: true }).optional(),
  })
  .refine((draft) => draft.highTempWorkers <= draft.outdoorWorkers, {
    message: '高温作业人数不能多于户外作业人数',
    path: ['highTempWorkers'],
  })
  .refine((draft) => (draft.contactPhone === undefined) !== (draft.reusePhoneFrom === undefined), {
    message: '请填写联系电话',
    path: ['contactPhone'],
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

export const worksiteSignupIdSchema = z.string().regex(/^ws_[0-9a-z]{16,40}$/, '报名编号格式不正确');
export const volunteerSignupIdSchema = z.string().regex(/^vs_[0-9a-z]{16,40}$/, '报名编号格式不正确');
/** Either kind of sign-up, for routes that serve both (revealing a phone). */
export const signupIdSchema = z.union([worksiteSignupIdSchema, volunteerSignupIdSchema]);

export const signupStatusLabels = {
  pending: '待审核',
  approved: '已通过',
  declined: '未通过',
} as const;
export type SignupStatus = keyof typeof signupStatusLabels;
export const signupStatuses = Object.keys(signupStatusLabels) as [SignupStatus, ...SignupStatus[]];
export const signupStatusSchema = z.enum(signupStatuses);

/**
 * Staff decide once on a pending sign-up. A decline needs a reason the applicant will read; a
 * declined sign-up may be approved later (the site called back), an approved one is not undone here.
 */
export const signupTransitions: Record<SignupStatus, readonly SignupStatus[]> = {
  pending: ['approved', 'declined'],
  declined: ['approved'],
  approved: [],
};

export const reviewDecisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), version: expectedVersionSchema }),
  z.object({
    decision: z.literal('decline'),
    version: expectedVersionSchema,
    reason: safeText({ label: '不通过原因', min: 2, max: 100 }),
  }),
]);
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

/** Who decided and why, as the applicant and staff see it. */
const reviewSchema = z.object({
  by: z.string(),
  at: z.string(),
  reason: z.string().optional(),
});

/**
 * A stored worksite sign-up as any reader sees it: the phone is masked (`138****5678`) for
 * everyone; staff in scope reveal it through a route that asks a reason and is audited.
 */
export const worksiteSignupSchema = z.object({
  id: worksiteSignupIdSchema,
  campaignId: campaignIdSchema,
  siteName: z.string(),
  orgPath: orgPathSchema,
  /** The district's name, e.g. 张家港市 › 大新镇. */
  orgName: z.string(),
  address: z.string(),
  location: z.object({ lat: z.number(), lng: z.number() }).optional(),
  outdoorWorkers: z.number().int(),
  highTempWorkers: z.number().int(),
  workerGroups: z.array(workerGroupSchema),
  requested: z.array(z.object({ kind: z.string(), items: z.array(z.string()) })),
  preferredDates: z.array(z.string()),
  contactName: z.string(),
  contactPhoneMasked: maskedPhoneSchema,
  note: z.string().optional(),
  status: signupStatusSchema,
  review: reviewSchema.optional(),
  version: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WorksiteSignup = z.infer<typeof worksiteSignupSchema>;

/** A stored volunteer sign-up; the phone is masked as for worksites. */
export const volunteerSignupSchema = z.object({
  id: volunteerSignupIdSchema,
  campaignId: campaignIdSchema,
  userId: z.string(),
  name: z.string(),
  districts: z.array(orgPathSchema),
  availability: z.array(availabilitySlotSchema),
  skills: z.array(z.enum(volunteerSkills)),
  phoneMasked: maskedPhoneSchema,
  status: signupStatusSchema,
  review: reviewSchema.optional(),
  version: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type VolunteerSignup = z.infer<typeof volunteerSignupSchema>;
