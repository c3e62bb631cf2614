import { volunteerSignupSchema, worksiteSignupSchema } from '@ankang/shared';
import { z } from 'zod';

/**
 * Sign-ups as stored: what readers see plus what only the server holds (who applied, the full
 * phone, the request id that makes a retried submit return the first). Services turn a record into
 * its public view; nothing returns a record as it is.
 */
export const worksiteSignupRecordSchema = worksiteSignupSchema.omit({ contactPhoneMasked: true }).extend({
  applicantUserId: z.string(),
  /** Canonical form (digits; landlines with their area code). */
  contactPhone: z.string(),
  requestId: z.string(),
});
export type WorksiteSignupRecord = z.infer<typeof worksiteSignupRecordSchema>;

export const volunteerSignupRecordSchema = volunteerSignupSchema.omit({ phoneMasked: true }).extend({
  phone: z.string(),
  requestId: z.string(),
});
export type VolunteerSignupRecord = z.infer<typeof volunteerSignupRecordSchema>;
