const pad = (n: number) => String(n).padStart(2, '0');

/** `11月21日 14:05` in Beijing time, whatever the device's zone. */
export function shanghaiDateTime(iso: string): string {
  const at = new Date(Date.parse(iso) + 8 * 3_600_000);
  return `${at.getUTCMonth() + 1}月${at.getUTCDate()}日 ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
}
