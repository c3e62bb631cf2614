/**
 * The figures unions file households by. Money is integer fen everywhere: a yuan amount typed with
 * two decimals is a whole number of fen, and sums of fen never drift the way floats of yuan do.
 */

export interface PerCapitaInput {
  annualIncomeFen: number;
  annualFixedSpendingFen: number;
  householdSize: number;
}

/**
 * 人均月收入: (annual disposable income − fixed necessary spending) ÷ 12 ÷ household size, rounded
 * to the fen. It may be negative (spending above income), which is the deepest hardship, not an error.
 */
export function perCapitaMonthlyFen({
  annualIncomeFen,
  annualFixedSpendingFen,
  householdSize,
}: PerCapitaInput): number {
  return Math.round((annualIncomeFen - annualFixedSpendingFen) / 12 / householdSize);
}

export type SuggestedCategory = 'deep' | 'relative' | 'accident';

export interface SuggestionInput {
  perCapitaMonthlyFen: number;
  /** The 低保 standard in force (monthly, per person); absent when no org above has set one. */
  povertyLineFen?: number;
  annualIncomeFen: number;
  medicalAccidentCostsFen: number;
  majorAccident?: boolean;
}

/** Medical or accident costs above this share of the year's income make a household 意外致困. */
const ACCIDENT_SHARE = 0.8;

/**
 * The category the standards point to, shown as a hint beside the picker (staff decide):
 * 意外致困 after a major accident or when the year's medical/accident costs exceed 80% of the
 * household's income (any cost counts when there is no income); else 深度困难 below the 低保
 * standard and 相对困难 below twice it; null when none applies or no standard is known.
 */
export function suggestedCategory({
  perCapitaMonthlyFen: perCapita,
  povertyLineFen,
  annualIncomeFen,
  medicalAccidentCostsFen,
  majorAccident = false,
}: SuggestionInput): SuggestedCategory | null {
  const costsOverwhelm =
    annualIncomeFen <= 0
      ? medicalAccidentCostsFen > 0
      : medicalAccidentCostsFen > annualIncomeFen * ACCIDENT_SHARE;
  if (majorAccident || costsOverwhelm) return 'accident';
  if (povertyLineFen === undefined) return null;
  if (perCapita < povertyLineFen) return 'deep';
  if (perCapita < 2 * povertyLineFen) return 'relative';
  return null;
}
