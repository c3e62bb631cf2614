import {
  type AvailabilitySlot,
  availabilitySlotSchema,
  type Campaign,
  type FieldIssue,
  type VolunteerSignupDraft,
  volunteerSignupDraftSchema,
  volunteerSkills,
} from '@ankang/shared';
import { z } from 'zod';
import { friendlyMessage, signupErrorsFromIssues } from './signupForm';

/** The volunteer form as people fill it in. */
export const volunteerFormSchema = z.object({
  name: z.string(),
  districts: z.array(z.string()),
  availability: z.array(availabilitySlotSchema),
  skills: z.array(z.enum(volunteerSkills)),
  phone: z.string(),
});
export type VolunteerFormValues = z.infer<typeof volunteerFormSchema>;
export type VolunteerField = keyof VolunteerFormValues;
export type VolunteerFormErrors = Partial<Record<VolunteerField, string>>;

export function emptyVolunteerForm(name = ''): VolunteerFormValues {
  return { name, districts: [], availability: [], skills: [], phone: '' };
}

const fallbackMessages: VolunteerFormErrors = {
  districts: '服务区域选择有误，请重新选择',
  availability: '可服务时段有误，请重新选择',
  skills: '特长选择有误，请重新选择',
};

function fieldOf(head: string): VolunteerField | null {
  return head in emptyVolunteerForm() ? (head as VolunteerField) : null;
}

/** Checks the form with the API's schema; the draft to send, or a Chinese message per field. */
export function volunteerFormToDraft(
  values: VolunteerFormValues,
  campaign: Campaign,
): { draft: VolunteerSignupDraft } | { errors: VolunteerFormErrors } {
  const errors: VolunteerFormErrors = {};
  const outside = values.availability.filter(
    (slot) => slot.date < campaign.season.from || slot.date > campaign.season.to,
  );
  if (outside.length > 0) errors.availability = `${outside[0]!.date} 不在活动期间内，请重新选择`;
  const parsed = volunteerSignupDraftSchema.safeParse({
    campaignId: campaign.id,
    name: values.name,
    districts: values.districts,
    availability: sortSlots(values.availability),
    skills: values.skills,
    phone: values.phone.trim() === '' ? undefined : values.phone,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(String(issue.path[0] ?? '')) ?? 'name';
      errors[field] ??= friendlyMessage(field, issue.message, fallbackMessages);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { draft: parsed.data };
}

/** A 400's `details.issues` (`body.signup.phone` …) as field errors, and what no field shows. */
export const volunteerErrorsFromIssues = (issues: readonly FieldIssue[]) =>
  signupErrorsFromIssues(issues, (path) => fieldOf(path[0] ?? ''));

/** By date, morning first. */
export function sortSlots(slots: readonly AvailabilitySlot[]): AvailabilitySlot[] {
  return [...slots].sort((a, b) =>
    a.date === b.date ? a.slot.localeCompare(b.slot) : a.date < b.date ? -1 : 1,
  );
}

export function hasSlot(slots: readonly AvailabilitySlot[], date: string, slot: AvailabilitySlot['slot']) {
  return slots.some((s) => s.date === date && s.slot === slot);
}

/** Adds or takes out one half day. */
export function toggleSlot(
  slots: readonly AvailabilitySlot[],
  date: string,
  slot: AvailabilitySlot['slot'],
): AvailabilitySlot[] {
  return hasSlot(slots, date, slot)
    ? slots.filter((s) => !(s.date === date && s.slot === slot))
    : [...slots, { date, slot }];
}
