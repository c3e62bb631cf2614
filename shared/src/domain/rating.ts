import type { RatingSummary } from '../schemas/station';

/** Star counts as stored: how many ratings gave 1 … 5 stars, and the sum of all stars. */
export interface RatingCounters {
  count: number;
  sum: number;
  stars: [number, number, number, number, number];
}

/** The summary workers see: the mean rounded to one decimal, 0 before anybody rated. */
export function ratingSummary(counters: RatingCounters): RatingSummary {
  return {
    count: counters.count,
    average: counters.count === 0 ? 0 : Math.round((counters.sum / counters.count) * 10) / 10,
    stars: counters.stars,
  };
}
