import {
  type HouseholdFile,
  type HouseholdSummary,
  type PovertyLineInForce,
  perCapitaMonthlyFen,
  suggestedCategory,
} from '@ankang/shared';
import type { HardshipFileRecord } from '../db/hardshipItems';

/** The per-capita figure a file shows: its latest visit's, else the one of the income it was filed with. */
function currentPerCapita(record: HardshipFileRecord): number {
  if (record.latest) return record.latest.perCapitaMonthlyFen;
  return perCapitaMonthlyFen({ ...record.income, householdSize: record.members.length });
}

/**
 * A file as lists show it: masked number, district, no street address or phone. Explicit fields
 * only, so nothing sealed, hashed or internal can reach an answer.
 */
export function fileSummaryView(record: HardshipFileRecord, today: string): HouseholdSummary {
  return {
    id: record.id,
    headName: record.headName,
    idNumberMasked: record.idNumberMasked,
    orgPath: record.orgPath,
    orgName: record.orgName,
    district: record.district,
    category: record.category,
    status: record.status,
    ...(record.exitDate ? { exitDate: record.exitDate } : {}),
    causes: record.causes,
    householdSize: record.latest?.householdSize ?? record.members.length,
    perCapitaMonthlyFen: currentPerCapita(record),
    caseworkerName: record.caseworkerName,
    ...(record.lastVisitOn ? { lastVisitOn: record.lastVisitOn } : {}),
    ...(record.nextVisitDue ? { nextVisitDue: record.nextVisitDue } : {}),
    visitOverdue: record.nextVisitDue !== undefined && record.nextVisitDue < today,
    ...(record.demo ? { demo: true as const } : {}),
    version: record.version,
  };
}

/**
 * A file as its detail shows it: still masked; the street address is returned here (never in
 * lists), with the 低保 standard in force today and the category it points to.
 */
export function fileView(
  record: HardshipFileRecord,
  address: string,
  povertyLine: PovertyLineInForce | undefined,
  today: string,
): HouseholdFile {
  const summary = fileSummaryView(record, today);
  return {
    ...summary,
    phoneMasked: record.phoneMasked,
    address,
    members: record.members,
    income: record.income,
    consent: record.consent,
    caseworkerUserId: record.caseworkerUserId,
    ...(record.notes ? { notes: record.notes } : {}),
    ...(povertyLine ? { povertyLine } : {}),
    suggestedCategory: suggestedCategory({
      perCapitaMonthlyFen: summary.perCapitaMonthlyFen,
      ...(povertyLine ? { povertyLineFen: povertyLine.monthlyFen } : {}),
      annualIncomeFen: record.income.annualIncomeFen,
      medicalAccidentCostsFen: record.income.medicalAccidentCostsFen,
    }),
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
