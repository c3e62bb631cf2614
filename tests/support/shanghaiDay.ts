import { shanghaiDate } from '@ankang/shared';

/** YYYY-MM-DD `days` after today in Shanghai, by plain calendar arithmetic (no clock of the app's). */
export function day(days: number): string {
  const d = new Date(`${shanghaiDate(new Date())}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
