import { shanghaiClock } from '@ankang/shared';

/** 350 米 · 1.2 公里 · 12 公里 */
export function formatDistance(meters: number): string {
  if (meters < 1000) return `${Math.round(meters)} 米`;
  const km = meters / 1000;
  return `${km < 10 ? km.toFixed(1) : Math.round(km)} 公里`;
}

/** hh:mm of an ISO time in China time, whatever the device's zone; empty for a bad time. */
export function formatClock(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : shanghaiClock(new Date(ms));
}
