import type { Visit } from '@ankang/shared';
import type { VisitRecord } from '../db/hardshipVisitItems';

/**
 * A stored visit as staff read it: explicit fields (never who typed it by id, never its hash),
 * whether it was below the 低保 line in force on its date, and the visits that correct it.
 */
export function visitView(record: VisitRecord, correctedBy: readonly string[] = []): Visit {
  return {
    id: record.id,
    fileId: record.fileId,
    visitedOn: record.visitedOn,
    mode: record.mode,
    annualIncomeFen: record.annualIncomeFen,
    annualFixedSpendingFen: record.annualFixedSpendingFen,
    householdSize: record.householdSize,
    earners: record.earners,
    ...(record.illnessOrAccident ? { illnessOrAccident: record.illnessOrAccident } : {}),
    largeSpending: record.largeSpending,
    housing: record.housing,
    ...(record.housingNote ? { housingNote: record.housingNote } : {}),
    risk: record.risk,
    ...(record.notes ? { notes: record.notes } : {}),
    nextVisitDue: record.nextVisitDue,
    ...(record.corrects ? { corrects: record.corrects } : {}),
    perCapitaMonthlyFen: record.perCapitaMonthlyFen,
    ...(record.povertyLineFen === undefined
      ? {}
      : {
          povertyLineFen: record.povertyLineFen,
          belowPovertyLine: record.perCapitaMonthlyFen < record.povertyLineFen,
        }),
    visitorName: record.visitorName,
    createdAt: record.createdAt,
    ...(correctedBy.length > 0 ? { correctedBy: [...correctedBy] } : {}),
    ...(record.demo ? { demo: true as const } : {}),
  };
}
