/**
 * The service area: a box around mainland China, Hong Kong, Macao, Taiwan and the South China Sea
 * islands down to 曾母暗沙 (3.9° N). Station coordinates (create, edit, import) and every search
 * point must lie inside it; a point outside is refused with a Chinese message rather than searched.
 * One constant for both sides, so an import and an edit can never disagree.
 */
export const SERVICE_AREA = {
  minLng: 73,
  maxLng: 136,
  minLat: 3,
  maxLat: 54,
} as const;

export const SERVICE_AREA_MESSAGE = '位置不在服务范围内（仅支持中国境内的坐标）';

/** Whether a point lies in the service area (edges included). */
export function inServiceArea(point: { lng: number; lat: number }): boolean {
  return (
    point.lng >= SERVICE_AREA.minLng &&
    point.lng <= SERVICE_AREA.maxLng &&
    point.lat >= SERVICE_AREA.minLat &&
    point.lat <= SERVICE_AREA.maxLat
  );
}
