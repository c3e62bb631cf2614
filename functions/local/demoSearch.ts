/**
 * Gives the demo stations their place codes and search entries through the stations backfill's own
 * per-station path (services/stationBackfill.ts), from the records as they stand in the table (a
 * data directory seeded before places existed, or stations edited since, included): the place is
 * derived as the API derives it and set only where missing, and the entries are compared with the
 * API's builder's and written only when they differ (stale ones deleted), so a later `npm start`
 * writes none. The entries carry no demo mark: they are the station's derived data, as the API
 * writes them (the backfill would see a mark as a difference). Run after seed.ts has set the
 * function environment. Returns how many stations got a place, and how many had entries written.
 */
export async function seedStationSearch(
  stationIds: readonly string[],
): Promise<{ placed: number; indexed: number }> {
  const { backfillStationsById } = await import('../src/services/stationBackfill');
  const { counts, left } = await backfillStationsById(stationIds);
  // Nothing else writes the demo stations while the seed runs: a station left means a bug.
  if (left.length > 0) throw new Error(`demo stations kept changing: ${left.join(',')}`);
  return { placed: counts.placed, indexed: counts.indexed };
}
