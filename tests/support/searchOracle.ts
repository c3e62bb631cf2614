/**
 * The search tests' own pieces, shared so every tier checks against one rule and none of them uses
 * the code under test: a word only the calling test's stations hold, and great-circle distance.
 */

/** Three uncommon characters (U+9B00–U+9C7F): a word only this test's stations hold. */
export function ownWord(): string {
  const pick = () => String.fromCodePoint(0x9b00 + Math.floor(Math.random() * 0x180));
  return `${pick()}${pick()}${pick()}`;
}

/** Metres between two points on a sphere of the mean Earth radius (haversine). */
export function haversineM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

/**
 * The station search's stated folding rule: full-width forms folded (NFKC), lower case, spaces
 * and common punctuation dropped (人民中路 88 号 = 人民中路88号). One copy for every search test.
 */
export function foldSearchText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s·・,，.。、;；:：'"‘’“”()（）[\]【】\-—_/\\#＃]+/g, '');
}

interface OracleHours {
  alwaysOpen?: boolean;
  weekly?: { day: number; open: string; close: string }[];
  exceptions?: { date: string; closed?: boolean; periods?: { open: string; close: string }[] }[];
  season?: { from: string; to: string };
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * Whether a station is open at `at`, from the hours model as documented (shared/src/schemas/hours.ts),
 * written apart from the app's evaluator: Shanghai local time; a paused station is closed until its
 * reopen time (for ever without one); a day's periods come from its dated exception, else its
 * weekday's periods (00:00–24:00 when always open), and none outside the season (MM-DD, inclusive,
 * may wrap the year); a period whose close is not after its open runs into the next day.
 */
export function openAt(
  station: { status: { state: string; until?: string }; hours: OracleHours },
  at: Date,
): boolean {
  if (station.status.state === 'closed') return false;
  if (station.status.state === 'temporarilyClosed') {
    const until = station.status.until ? Date.parse(station.status.until) : Number.NaN;
    if (Number.isNaN(until) || until > at.getTime()) return false;
  }
  const local = new Date(at.getTime() + 8 * 3_600_000);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const dayPeriods = (dayStart: Date) => {
    const date = dayStart.toISOString().slice(0, 10);
    const monthDay = date.slice(5);
    const season = station.hours.season;
    if (season) {
      const inside =
        season.from <= season.to
          ? monthDay >= season.from && monthDay <= season.to
          : monthDay >= season.from || monthDay <= season.to;
      if (!inside) return [];
    }
    const exception = station.hours.exceptions?.find((each) => each.date === date);
    if (exception) return exception.closed ? [] : (exception.periods ?? []);
    if (station.hours.alwaysOpen) return [{ open: '00:00', close: '24:00' }];
    const weekday = ((dayStart.getUTCDay() + 6) % 7) + 1;
    return (station.hours.weekly ?? []).filter((period) => period.day === weekday);
  };
  const today = dayPeriods(local);
  for (const period of today) {
    const [open, close] = [minutesOf(period.open), minutesOf(period.close)];
    if (close > open ? minute >= open && minute < close : minute >= open) return true;
  }
  const yesterday = dayPeriods(new Date(local.getTime() - 86_400_000));
  return yesterday.some((period) => {
    const [open, close] = [minutesOf(period.open), minutesOf(period.close)];
    return close <= open && minute < close;
  });
}
