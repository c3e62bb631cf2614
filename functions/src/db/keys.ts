/**
 * Physical keys are generic (pk/sk, gsi1pk/gsi1sk, gsi2pk/gsi2sk); what they mean lives here.
 * The GSIs are named after the access patterns that use them.
 */
export const indexes = {
  /** Demo accounts for the development login (gsi1). */
  demoUsers: 'gsi1',
  /** Stations of an org subtree, per province (gsi1). */
  stationsByOrg: 'gsi1',
  /** Report queues per state and province, by org path then time (gsi1). */
  reportQueue: 'gsi1',
  /** Campaigns run by one org node, newest season first (gsi1). */
  campaignsByOrg: 'gsi1',
  /** Stations by geohash cell (gsi2). */
  stationsByGeo: 'gsi2',
  /** A station's open (new or acknowledged) reports, oldest first (gsi2; resolved ones leave it). */
  openReportsByStation: 'gsi2',
} as const;

export const keys = {
  user: (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' }),
  org: (path: string) => ({ pk: 'ORG', sk: path }),
  /** Every org node lives in one partition, sorted by path, so a subtree is one range query. */
  orgs: () => ({ pk: 'ORG' }),
  demoUsers: () => ({ gsi1pk: 'DEMO_USER' }),
  station: (id: string) => ({ pk: `STATION#${id}`, sk: 'STATION' }),
  /**
   * Uniqueness of a station's external id (the source system's id used by imports) within the org
   * that owns the station: two orgs may use the same id, and neither learns the other has it.
   * The id is last, so a `#` in it cannot run into the org path.
   */
  externalId: (orgPath: string, externalId: string) => ({
    pk: `EXTID#${orgPath}#${externalId}`,
    sk: 'EXTID',
  }),
  /** A day's rating of a station; `rater` is a keyed pseudonym of (user, station, day), never the user id. */
  feedback: (stationId: string, date: string, rater: string) => ({
    pk: `STATION#${stationId}`,
    sk: `FEEDBACK#${date}#${rater}`,
  }),
  report: (id: string) => ({ pk: `REPORT#${id}`, sk: 'REPORT' }),
  /**
   * A held limit (e.g. "this person has an open report of this kind on this station"); `lockId` is
   * a keyed pseudonym of what it limits.
   */
  lock: (kind: string, lockId: string) => ({ pk: `LOCK#${kind}#${lockId}`, sk: 'LOCK' }),
  /** A person's count of one action on one (Shanghai) day; `subject` is a keyed pseudonym. */
  campaign: (id: string) => ({ pk: `CAMPAIGN#${id}`, sk: 'CAMPAIGN' }),
  quota: (action: string, subject: string, day: string) => ({
    pk: `QUOTA#${action}#${subject}`,
    sk: day,
  }),
};

/** The province code (first org path segment) partitions org-wide listings. */
export function provinceOf(orgPath: string): string {
  return orgPath.split('/')[0]!;
}

/**
 * Sort-key prefix for "this org and everything below": the path plus a slash, so `320500/` never
 * matches `3205001/`.
 */
export function orgSubtreePrefix(orgPath: string): string {
  return `${orgPath}/`;
}

/** Geohash length of the geo index partition; the sort key holds the finer hash. */
export const GEO_PARTITION_PRECISION = 4;
export const GEO_SORT_PRECISION = 8;

/** The geo index partition holding a geohash (or cell) at least GEO_PARTITION_PRECISION long. */
export function geoPartitionKey(geohash: string): string {
  return `STN_GEO#${geohash.slice(0, GEO_PARTITION_PRECISION)}`;
}

export const stationIndexKeys = {
  /** gsi1: stations of an org subtree, within the province's partition. */
  byOrg: (orgPath: string, id: string) => ({
    gsi1pk: stationIndexKeys.byOrgPartition(orgPath),
    gsi1sk: `${orgSubtreePrefix(orgPath)}#${id}`,
  }),
  /** The org index partition that holds every station of `orgPath`'s subtree. */
  byOrgPartition: (orgPath: string) => `STN_ORG#${provinceOf(orgPath)}`,
  /** gsi2: stations in a geohash cell; a finer cell is a begins_with on the sort key. */
  byGeo: (geohash: string, id: string) => ({
    gsi2pk: geoPartitionKey(geohash),
    gsi2sk: `${geohash}#${id}`,
  }),
  /** gsi1: a report queue per state and province, sorted by org path then time. */
  reportByState: (state: string, orgPath: string, createdAt: string, id: string) => ({
    gsi1pk: stationIndexKeys.reportQueuePartition(state, orgPath),
    gsi1sk: `${orgSubtreePrefix(orgPath)}#${createdAt}#${id}`,
  }),
  /** The report-queue partition holding `orgPath`'s subtree in one state. */
  reportQueuePartition: (state: string, orgPath: string) => `RPT#${state}#${provinceOf(orgPath)}`,
  /**
   * gsi2: a station's open reports, set while a report is new or acknowledged and removed when it
   * is resolved (a sparse index). `STN_RPT#` never equals a geo partition (`STN_GEO#…`), so the
   * two patterns share gsi2 without meeting.
   */
  openReportByStation: (stationId: string, createdAt: string, id: string) => ({
    gsi2pk: stationIndexKeys.openReportPartition(stationId),
    gsi2sk: `${createdAt}#${id}`,
  }),
  openReportPartition: (stationId: string) => `STN_RPT#${stationId}`,
};

export const campaignIndexKeys = {
  /** gsi1: the campaigns one org node runs (exactly that node), sorted by season start. */
  byOrg: (orgPath: string, seasonFrom: string, id: string) => ({
    gsi1pk: campaignIndexKeys.byOrgPartition(orgPath),
    gsi1sk: `${seasonFrom}#${id}`,
  }),
  byOrgPartition: (orgPath: string) => `CMP_ORG#${orgPath}`,
};
