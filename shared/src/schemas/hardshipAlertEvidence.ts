import { z } from 'zod';
import { employmentSchema, memberRelationSchema } from './hardship';
import type { HardshipRule } from './hardshipPolicy';
import { localDateSchema } from './hours';

const visitRefSchema = z.object({ visitId: z.string(), visitedOn: localDateSchema });
const lineUsedSchema = z.object({ monthlyFen: z.number().int(), effectiveFrom: localDateSchema.optional() });

/**
 * The figures, thresholds and visits behind an alert, one shape per rule (the server's RuleAlert
 * evidence). Strict objects, so a union member never matches another rule's evidence by stripping
 * its extra fields.
 */
export const alertEvidenceSchemas = {
  belowPovertyLine: z.strictObject({
    visit: visitRefSchema,
    perCapitaMonthlyFen: z.number().int(),
    povertyLine: lineUsedSchema,
  }),
  belowRelativeLine: z.strictObject({
    visit: visitRefSchema,
    perCapitaMonthlyFen: z.number().int(),
    povertyLine: lineUsedSchema,
    relativeMultiple: z.number(),
    relativeLineFen: z.number(),
  }),
  incomeDrop: z.strictObject({
    visit: visitRefSchema,
    previousVisit: visitRefSchema,
    perCapitaMonthlyFen: z.number().int(),
    previousPerCapitaMonthlyFen: z.number().int(),
    dropPercent: z.number(),
    thresholdPercent: z.number(),
  }),
  earnerUnemployed: z.strictObject({
    visit: visitRefSchema,
    previousVisit: visitRefSchema.optional(),
    earners: z.array(
      z.object({
        relation: memberRelationSchema,
        previousEmployment: employmentSchema.optional(),
        reportedChanged: z.boolean(),
      }),
    ),
  }),
  medicalBurden: z.strictObject({
    visit: visitRefSchema,
    incidentCostFen: z.number().int(),
    medicalSpendingFen: z.number().int(),
    totalCostFen: z.number().int(),
    annualIncomeFen: z.number().int(),
    shareOfIncome: z.number(),
    thresholdFen: z.number(),
  }),
  visitOverdue: z.strictObject({
    lastVisit: visitRefSchema.optional(),
    countedFrom: localDateSchema,
    cadence: z.enum(['afterHigh', 'recentExit', 'active']),
    cadenceDays: z.number().int(),
    dueOn: localDateSchema,
    daysOverdue: z.number().int(),
  }),
  monitoringWindowEnding: z.strictObject({
    exitDate: localDateSchema,
    monitoringMonths: z.number().int(),
    windowEndsOn: localDateSchema,
    daysLeft: z.number().int(),
  }),
  exitReview: z.strictObject({
    months: z.number().int(),
    runFrom: visitRefSchema,
    latestVisit: visitRefSchema,
    visits: z.array(
      visitRefSchema.extend({ perCapitaMonthlyFen: z.number().int(), povertyLineFen: z.number().int() }),
    ),
  }),
} as const satisfies Record<HardshipRule, z.ZodType>;
export type AlertEvidenceOf<R extends HardshipRule> = z.infer<(typeof alertEvidenceSchemas)[R]>;

export const alertEvidenceSchema = z.union(Object.values(alertEvidenceSchemas));
export type AlertEvidence = z.infer<typeof alertEvidenceSchema>;

/**
 * An alert's evidence read as its rule's shape, e.g. `evidenceOf(alert, 'incomeDrop')` after
 * checking `alert.rule === 'incomeDrop'`; null when the rule differs.
 */
export function evidenceOf<R extends HardshipRule>(
  alert: { rule: HardshipRule; evidence: AlertEvidence },
  rule: R,
): AlertEvidenceOf<R> | null {
  return alert.rule === rule ? (alert.evidence as AlertEvidenceOf<R>) : null;
}
