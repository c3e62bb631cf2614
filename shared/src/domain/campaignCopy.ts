import type { CampaignDraft, DateRange } from '../schemas/campaign';

/** The same month and day `years` later; 02-29 becomes 02-28 in a year without it. */
export function shiftDateByYears(date: string, years: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = year + years;
  const lastDay = new Date(Date.UTC(target, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${target}-${pad(month)}-${pad(Math.min(day, lastDay))}`;
}

const shiftRange = (range: DateRange, years: number): DateRange => ({
  from: shiftDateByYears(range.from, years),
  to: shiftDateByYears(range.to, years),
});

/**
 * A new campaign draft from an earlier one (e.g. last summer's): the same kinds, catalog and target
 * groups, the season and sign-up window moved to `year`, the title's year replaced when it names
 * the old one. Staff edit it before opening it.
 */
export function copyCampaignForYear(previous: CampaignDraft, year: number): CampaignDraft {
  const fromYear = Number(previous.season.from.slice(0, 4));
  const years = year - fromYear;
  return {
    ...previous,
    // Copied, not shared (no structuredClone: older mini-program engines lack it).
    kinds: previous.kinds.map((kind) => ({ ...kind, items: kind.items.map((item) => ({ ...item })) })),
    targetGroups: [...previous.targetGroups],
    ...(previous.coolingAllowance ? { coolingAllowance: { ...previous.coolingAllowance } } : {}),
    title: previous.title.replaceAll(String(fromYear), String(year)),
    season: shiftRange(previous.season, years),
    signup: shiftRange(previous.signup, years),
  };
}
