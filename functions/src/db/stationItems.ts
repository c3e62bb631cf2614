import { geohashEncode, ratingSummary, type Station, stationSchema } from '@ankang/shared';
import { z } from 'zod';
import { GEO_SORT_PRECISION, keys, stationIndexKeys } from './keys';

/**
 * How a station is stored: its fields, the rating as counters DynamoDB can ADD to atomically, and
 * the keys of its two access patterns (by org, by geohash). Pure, so the seed and the benchmark
 * write exactly what the API reads.
 */
export function stationToItem(station: Station): Record<string, unknown> {
  const { rating, ...fields } = station;
  const geohash = geohashEncode(station.location, GEO_SORT_PRECISION);
  return {
    ...keys.station(station.id),
    ...stationIndexKeys.byOrg(station.orgPath, station.id),
    ...stationIndexKeys.byGeo(geohash, station.id),
    type: 'Station',
    ...fields,
    geohash,
    ratingCount: rating.count,
    ratingSum: Math.round(rating.average * rating.count),
    stars1: rating.stars[0],
    stars2: rating.stars[1],
    stars3: rating.stars[2],
    stars4: rating.stars[3],
    stars5: rating.stars[4],
  };
}

const counters = z.object({
  ratingCount: z.number().default(0),
  ratingSum: z.number().default(0),
  stars1: z.number().default(0),
  stars2: z.number().default(0),
  stars3: z.number().default(0),
  stars4: z.number().default(0),
  stars5: z.number().default(0),
});

export function stationFromItem(item: Record<string, unknown>): Station {
  const c = counters.parse(item);
  return stationSchema.parse({
    ...item,
    rating: ratingSummary({
      count: c.ratingCount,
      sum: c.ratingSum,
      stars: [c.stars1, c.stars2, c.stars3, c.stars4, c.stars5],
    }),
  });
}
