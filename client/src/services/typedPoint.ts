/**
 * A place typed as its coordinates (GCJ-02, as 高德 and 腾讯 maps show them), in either order: within
 * China a longitude (73–135) is always larger than a latitude (3–54). Null unless it is two numbers;
 * whether the point is in the service area is the schema's to say.
 */
export function parseTypedPoint(text: string): { lat: number; lng: number } | null {
  const parts = text
    .trim()
    .split(/[\s,，、]+/)
    .filter(Boolean);
  if (parts.length !== 2) return null;
  const [a, b] = parts.map(Number) as [number, number];
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  return a > b ? { lng: a, lat: b } : { lng: b, lat: a };
}
