import { orgPathChain, STATION_ORG_MAX_LEVELS } from '@ankang/shared';

/**
 * Physical keys are generic (pk/sk, gsi1pk/gsi1sk, gsi2pk/gsi2sk); what they mean lives here.
 * The GSIs are named after the access patterns that use them.
 */
export const indexes = {
  /** Demo accounts for the development login (gsi1). */
  demoUsers: 'gsi1',
  /** Stations of an org subtree, per province (gsi1). */
  stationsByOrg: 'gsi1',
  /**
   * A problem's queue at each level above it (gsi1 province … gsi4 town; see problemKeys.queue):
   * per state, kind and org node, newest report first.
   */
  problemQueueByDepth: ['gsi1', 'gsi2', 'gsi3', 'gsi4'],
  /** The per-report model's queue (gsi1; `RPT#`), read only by the migration that empties it. */
  legacyReportQueue: 'gsi1',
  /** One worker's reports (by a keyed pseudonym), newest last (gsi1): 我的反馈. */
  reportsByReporter: 'gsi1',
  /** Campaigns run by one org node, newest season first (gsi1). */
  campaignsByOrg: 'gsi1',
  /** A campaign's worksite sign-ups per status, by district path then time (gsi1). */
  worksiteQueue: 'gsi1',
  /** A campaign's volunteer sign-ups per status, oldest first (gsi1). */
  volunteerQueue: 'gsi1',
  /** Every assignment on one date, by campaign then half day (gsi1): the board and the reminders. */
  assignmentsByDate: 'gsi1',
  /** The worksite sign-ups one user made, newest last (gsi2). */
  worksitesByApplicant: 'gsi2',
  /** The volunteer sign-ups of one user (gsi2). */
  volunteerSignupsByUser: 'gsi2',
  /** A volunteer's current assignments by date (gsi2; moves to the new volunteer on reassignment). */
  assignmentsByVolunteer: 'gsi2',
  /** A campaign's 清凉码 hand-outs, over-allowance ones apart, by org path then time (gsi1). */
  handoutsByCampaign: 'gsi1',
  /** The hand-outs one user recorded, per campaign, newest last (gsi2). */
  handoutsByRecorder: 'gsi2',
  /** Stations by geohash cell (gsi2). */
  stationsByGeo: 'gsi2',
  /** One volunteer's deliveries in one campaign, by delivery time (gsi1). */
  deliveriesByVolunteer: 'gsi1',
  /** A campaign's deliveries per review status, by org path then delivery time (gsi2): queue, export. */
  deliveryQueue: 'gsi2',
  /** Hardship files of an org subtree, per province, by org path then filing time (gsi1). */
  hardshipFilesByOrg: 'gsi1',
  /** Staff members of exactly one org node, per province (gsi2): who an alert may be given to. */
  staffByOrg: 'gsi2',
  /** Hardship alerts per status and province, by the file's org path then due date (gsi1): the queue. */
  alertQueue: 'gsi1',
  /** One staff member's unresolved alerts, due soonest first (gsi2). */
  alertsByAssignee: 'gsi2',
  /** Unresolved, not exhausted alerts in 8 shards by due date (gsi3): escalation and due-soon notices. */
  alertsByDue: 'gsi3',
  /** Unresolved alerts escalated to one org node, by escalation time (gsi4). */
  alertsEscalatedTo: 'gsi4',
  /** Household monitors in 8 shards by the next day to review them (gsi3; `HF_CHECK#` partitions). */
  monitorByCheckDate: 'gsi3',
  /**
   * The station search (gsi3): one partition per character bigram (`STN_Q#`) and one per province
   * for browsing a place (`STN_PLACE#`), each sorted by place code then station id.
   */
  stationSearch: 'gsi3',
  /** Pending invites of an org subtree, per province, by org path then creation (gsi1; `INVITE_ORG#`). */
  pendingInvitesByOrg: 'gsi1',
  /** Every holder of the admin role, in one small partition (gsi3; `ADMINS`). */
  admins: 'gsi3',
  /** A station's public comments, newest first (gsi2; `STN_CMT#`, sparse: only public ones). */
  publicCommentsByStation: 'gsi2',
  /**
   * Stations with comments awaiting staff review, in the queue of each org level above them (gsi1
   * province … gsi4 town; `HELD_Q#<org>`), oldest waiting station first (see stationCommentKeys.heldQueue).
   */
  heldCommentQueueByDepth: ['gsi1', 'gsi2', 'gsi3', 'gsi4'],
  /** A station's held comments, oldest first (gsi2; `STN_CMT_HELD#`, sparse: only held ones): its queue page. */
  heldCommentsByStation: 'gsi2',
  /** Station suggestions per state and province, by org path then time (gsi1; `SUG_Q#`): the review queue. */
  suggestionQueue: 'gsi1',
  /** The station suggestions one user sent, by time (gsi2; `SUG_BY#`): 我的建议. */
  suggestionsBySuggester: 'gsi2',
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
  worksiteSignup: (id: string) => ({ pk: `WSIGNUP#${id}`, sk: 'WSIGNUP' }),
  volunteerSignup: (id: string) => ({ pk: `VSIGNUP#${id}`, sk: 'VSIGNUP' }),
  assignment: (id: string) => ({ pk: `ASSIGN#${id}`, sk: 'ASSIGN' }),
  /**
   * Holds a volunteer's half day while they have a live task in it, so one person is never sent to
   * two sites at once (written in the same transaction as the assignment).
   */
  volunteerSlot: (volunteerSignupId: string, date: string, slot: string) => ({
    pk: `VSLOT#${volunteerSignupId}`,
    sk: `${date}#${slot}`,
  }),
  /** One notification event (e.g. "assignment X given to Y", "reminder for X on D"): claimed once. */
  notification: (eventKey: string) => ({ pk: `NOTIFY#${eventKey}`, sk: 'NOTIFY' }),
  /** A user's unused one-time subscribe-message consents, per topic. */
  subscriptions: (userId: string) => ({ pk: `USER#${userId}`, sk: 'SUBSCRIPTIONS' }),
  /** Append-only audit trail of one subject (e.g. a sign-up whose phone was revealed). */
  auditEvent: (subjectId: string, at: string, eventId: string) => ({
    pk: `AUDIT#${subjectId}`,
    sk: `${at}#${eventId}`,
  }),
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
};

/**
 * How many org levels the problem queue indexes (one GSI each): every level a station's org may
 * have (province, city, county, town), so every node that can hold a station has its queue.
 */
export const PROBLEM_QUEUE_DEPTHS = STATION_ORG_MAX_LEVELS;

export const problemKeys = {
  /** A problem (all reports of one kind at one station while it is open). */
  problem: (id: string) => ({ pk: `PROBLEM#${id}`, sk: 'PROBLEM' }),
  /**
   * Which problem of `kind` is open at the station, in the station's partition: put when one opens,
   * deleted when it is resolved, so two first reports cannot open two problems.
   */
  openSlot: (stationId: string, kind: string) => ({
    pk: keys.station(stationId).pk,
    sk: `${problemKeys.openSlotPrefix}${kind}`,
  }),
  openSlotPrefix: 'OPENPROBLEM#',
  /**
   * gsi1…gsi4: the problem in the queue of each org node above it, one index per level (province
   * on gsi1 … town on gsi4), so any node's queue is one partition sorted by the latest report,
   * never a range of its subtree sorted by path. Levels the path lacks are absent (null here, to
   * be removed from the item).
   */
  queue: (state: string, kind: string, orgPath: string, lastReportedAt: string, id: string) => {
    const ancestors = orgPathChain(orgPath);
    const entries: Record<string, string | null> = {};
    for (let depth = 1; depth <= PROBLEM_QUEUE_DEPTHS; depth += 1) {
      const ancestor = ancestors[depth - 1];
      entries[`gsi${depth}pk`] = ancestor ? problemKeys.queuePartition(state, kind, ancestor) : null;
      entries[`gsi${depth}sk`] = ancestor ? `${lastReportedAt}#${id}` : null;
    }
    return entries;
  },
  queuePartition: (state: string, kind: string, orgPath: string) => `RPQ#${state}#${kind}#${orgPath}`,
};

/**
 * The per-report model's queue (before problems, issue 11 step 1), read only by the one-off
 * migration (services/reportMigration.ts): gsi1, per state and province. Migrated reports leave it.
 */
export const legacyReportKeys = {
  queuePartition: (state: string, province: string) => `RPT#${state}#${province}`,
  /** The old lock that allowed one open report per person, station and kind. */
  lockKind: 'openReport',
};

export const reportKeys = {
  /** gsi1: one worker's reports under a keyed pseudonym of them (never the user id), by time. */
  byReporter: (reporter: string, createdAt: string, id: string) => ({
    gsi1pk: reportKeys.byReporterPartition(reporter),
    gsi1sk: `${createdAt}#${id}`,
  }),
  byReporterPartition: (reporter: string) => `RPT_BY#${reporter}`,
};

/** The sort-key place of a station: its town's code, else its county's padded to 9 digits, else `-`. */
export function searchPlaceKey(place: { county: string; town?: string } | undefined): string {
  if (!place) return '-';
  return place.town ?? `${place.county}000`;
}

export const stationSearchKeys = {
  /**
   * One search entry of a station, in the station's partition (`STATION#<id>`, beside its record):
   * `term` is a bigram, `@place` for its entry in the province's place partition, or `@more` when
   * some of its bigrams were left out (lib/searchText.ts stationTerms).
   */
  entry: (stationId: string, term: string) => ({ pk: keys.station(stationId).pk, sk: `SEARCH#${term}` }),
  entryPrefix: 'SEARCH#',
  placeTerm: '@place',
  overflowTerm: '@more',
  /** gsi3: the entry under a bigram, sorted by place (a place is a prefix of its codes) then id. */
  byTerm: (bigram: string, placeKey: string, stationId: string) => ({
    gsi3pk: stationSearchKeys.termPartition(bigram),
    gsi3sk: `${placeKey}#${stationId}`,
  }),
  termPartition: (bigram: string) => `STN_Q#${bigram}`,
  /** gsi3: the overflow mark's partition, read beside every word search. */
  get overflowPartition(): string {
    return stationSearchKeys.termPartition(stationSearchKeys.overflowTerm);
  },
  /** gsi3: the entry in its province's place partition, for browsing a place without words. */
  byPlace: (province: string, placeKey: string, stationId: string) => ({
    gsi3pk: stationSearchKeys.placePartition(province),
    gsi3sk: `${placeKey}#${stationId}`,
  }),
  placePartition: (province: string) => `STN_PLACE#${province}`,
};

export const campaignIndexKeys = {
  /** gsi1: the campaigns one org node runs (exactly that node), sorted by season start. */
  byOrg: (orgPath: string, seasonFrom: string, id: string) => ({
    gsi1pk: campaignIndexKeys.byOrgPartition(orgPath),
    gsi1sk: `${seasonFrom}#${id}`,
  }),
  byOrgPartition: (orgPath: string) => `CMP_ORG#${orgPath}`,
};

export const outreachIndexKeys = {
  /** gsi1: a campaign's worksite queue in one status, by district path (subtree = begins_with). */
  worksiteQueue: (campaignId: string, status: string, orgPath: string, createdAt: string, id: string) => ({
    gsi1pk: outreachIndexKeys.worksiteQueuePartition(campaignId, status),
    gsi1sk: `${orgSubtreePrefix(orgPath)}#${createdAt}#${id}`,
  }),
  worksiteQueuePartition: (campaignId: string, status: string) => `WS_Q#${campaignId}#${status}`,
  /** gsi2: the worksite sign-ups one user made. */
  worksiteByApplicant: (userId: string, createdAt: string, id: string) => ({
    gsi2pk: outreachIndexKeys.worksiteByApplicantPartition(userId),
    gsi2sk: `${createdAt}#${id}`,
  }),
  worksiteByApplicantPartition: (userId: string) => `WS_BY#${userId}`,
  /** gsi1: a campaign's volunteer queue in one status. */
  volunteerQueue: (campaignId: string, status: string, createdAt: string, id: string) => ({
    gsi1pk: outreachIndexKeys.volunteerQueuePartition(campaignId, status),
    gsi1sk: `${createdAt}#${id}`,
  }),
  volunteerQueuePartition: (campaignId: string, status: string) => `VS_Q#${campaignId}#${status}`,
  /** gsi2: the volunteer sign-ups of one user. */
  volunteerByUser: (userId: string, createdAt: string, id: string) => ({
    gsi2pk: outreachIndexKeys.volunteerByUserPartition(userId),
    gsi2sk: `${createdAt}#${id}`,
  }),
  volunteerByUserPartition: (userId: string) => `VS_BY#${userId}`,
  /** gsi1: every assignment on a date, by campaign then half day. */
  assignmentByDate: (date: string, campaignId: string, slot: string, id: string) => ({
    gsi1pk: outreachIndexKeys.assignmentDatePartition(date),
    gsi1sk: `${campaignId}#${slot}#${id}`,
  }),
  assignmentDatePartition: (date: string) => `AS_DAY#${date}`,
  /** gsi2: the assignments a volunteer (user) currently holds, by date. */
  assignmentByVolunteer: (userId: string, date: string, slot: string, id: string) => ({
    gsi2pk: outreachIndexKeys.assignmentVolunteerPartition(userId),
    gsi2sk: `${date}#${slot}#${id}`,
  }),
  assignmentVolunteerPartition: (userId: string) => `AS_VOL#${userId}`,
};

export const exportKeys = {
  /** One delivery report export: its status, progress and file; dropped by TTL with its file. */
  deliveryExport: (id: string) => ({ pk: `EXPORT#${id}`, sk: 'EXPORT' }),
};

export const photoKeys = {
  /** One photo: who it belongs to, who sent it, what was signed, and whether it has landed. */
  photo: (id: string) => ({ pk: `PHOTO#${id}`, sk: 'PHOTO' }),
  /**
   * The ids of the photos one uploader has on one owner (a string set), written in the same
   * transaction as each new photo, so the per-owner cap holds under racing uploads.
   */
  photoSlots: (ownerKind: string, ownerId: string, uploaderUserId: string) => ({
    pk: `PHOTOS#${ownerKind}#${ownerId}`,
    sk: `UPLOADER#${uploaderUserId}`,
  }),
};

export const handoutKeys = {
  handout: (id: string) => ({ pk: `HANDOUT#${id}`, sk: 'HANDOUT' }),
  /** How many allowance items one worker (pseudonym) got in one campaign on one Shanghai day. */
  allowance: (campaignId: string, pseudonym: string, date: string) => ({
    pk: `HO_ALLOW#${campaignId}#${pseudonym}`,
    sk: date,
  }),
  /** gsi1: a campaign's hand-outs, flagged (over the allowance) or not, by org path then time. */
  byCampaign: (campaignId: string, flagged: boolean, orgPath: string, handedAt: string, id: string) => ({
    gsi1pk: handoutKeys.byCampaignPartition(campaignId, flagged),
    gsi1sk: `${orgSubtreePrefix(orgPath)}#${handedAt}#${id}`,
  }),
  byCampaignPartition: (campaignId: string, flagged: boolean) =>
    `HO_CMP#${campaignId}#${flagged ? 'flagged' : 'plain'}`,
  /** gsi2: what one user recorded in one campaign, by time. */
  byRecorder: (userId: string, campaignId: string, handedAt: string, id: string) => ({
    gsi2pk: handoutKeys.byRecorderPartition(userId),
    gsi2sk: `${campaignId}#${handedAt}#${id}`,
  }),
  byRecorderPartition: (userId: string) => `HO_BY#${userId}`,
};

export const deliveryKeys = {
  delivery: (id: string) => ({ pk: `DELIVERY#${id}`, sk: 'DELIVERY' }),
  /** One counter item of a campaign at one org node, date and shard (see db/tallies.ts). */
  tally: (campaignId: string, node: string, date: string, shard: number) => ({
    pk: deliveryKeys.tallyPartition(campaignId, node),
    sk: `${date}#${shard}`,
  }),
  tallyPartition: (campaignId: string, node: string) => `TALLY#${campaignId}#${node}`,
  /** Approved deliveries at one approved worksite, by district path (coverage of a subtree is a range). */
  coverage: (campaignId: string, orgPath: string, worksiteSignupId: string) => ({
    pk: deliveryKeys.coveragePartition(campaignId),
    sk: `${orgSubtreePrefix(orgPath)}#${worksiteSignupId}`,
  }),
  coveragePartition: (campaignId: string) => `DL_COVER#${campaignId}`,
};

/** Sort keys hold the delivery time in UTC, so times given with different offsets sort as instants. */
const utcSortTime = (at: string) => new Date(at).toISOString();

export const deliveryIndexKeys = {
  /** gsi1: one user's deliveries in one campaign, by delivery time (newest first is a reverse query). */
  byVolunteer: (userId: string, campaignId: string, deliveredAt: string, id: string) => ({
    gsi1pk: deliveryIndexKeys.byVolunteerPartition(userId, campaignId),
    gsi1sk: `${utcSortTime(deliveredAt)}#${id}`,
  }),
  byVolunteerPartition: (userId: string, campaignId: string) => `DL_BY#${userId}#${campaignId}`,
  /** gsi2: a campaign's deliveries in one review status, by org path (subtree = begins_with) then time. */
  queue: (campaignId: string, status: string, orgPath: string, deliveredAt: string, id: string) => ({
    gsi2pk: deliveryIndexKeys.queuePartition(campaignId, status),
    gsi2sk: `${orgSubtreePrefix(orgPath)}#${utcSortTime(deliveredAt)}#${id}`,
  }),
  queuePartition: (campaignId: string, status: string) => `DL_Q#${campaignId}#${status}`,
};

export const hardshipKeys = {
  /** A household's file; its visits share the partition (hardshipVisitKeys). */
  file: (id: string) => ({ pk: `HFILE#${id}`, sk: 'FILE' }),
  /**
   * The one file of an ID number in a province's tree, by the number's keyed hash (never the
   * number): written in the same transaction as the file, so two filings of one person cannot both land.
   */
  idClaim: (orgPath: string, idHash: string) => ({
    pk: `HF_ID#${provinceOf(orgPath)}#${idHash}`,
    sk: 'HF_ID',
  }),
  /** gsi1: the files of an org subtree, within the province's partition, by org path then filing time. */
  byOrg: (orgPath: string, createdAt: string, id: string) => ({
    gsi1pk: hardshipKeys.byOrgPartition(orgPath),
    gsi1sk: `${orgSubtreePrefix(orgPath)}#${createdAt}#${id}`,
  }),
  byOrgPartition: (orgPath: string) => `HF_ORG#${provinceOf(orgPath)}`,
  /** The 低保 standard an org node set from one date on; a node's lines are one partition by date. */
  povertyLine: (orgPath: string, effectiveFrom: string) => ({
    pk: hardshipKeys.povertyPartition(orgPath),
    sk: effectiveFrom,
  }),
  povertyPartition: (orgPath: string) => `POVERTY#${orgPath}`,
};

export const staffIndexKeys = {
  /**
   * gsi2: a staff member under their org node, in the province's partition. The node's path ends in
   * `/#`, so a node's staff are one begins_with that never reaches the staff of its children.
   */
  byOrg: (orgPath: string, userId: string) => ({
    gsi2pk: staffIndexKeys.byOrgPartition(orgPath),
    gsi2sk: `${staffIndexKeys.atOrgPrefix(orgPath)}${userId}`,
  }),
  byOrgPartition: (orgPath: string) => `STAFF_ORG#${provinceOf(orgPath)}`,
  atOrgPrefix: (orgPath: string) => `${orgSubtreePrefix(orgPath)}#`,
  /**
   * The index attributes of a whole user item (none unless they hold the staff role at a node), for
   * writers of whole user items (the seed, test fixtures); setUserStaffRole keeps them in step.
   */
  ofUser: (user: { id: string; roles: readonly string[]; orgPath?: string | null | undefined }) =>
    user.roles.includes('staff') && user.orgPath ? staffIndexKeys.byOrg(user.orgPath, user.id) : {},
};

export const inviteKeys = {
  /** An invite, under its id (a keyed hash of its code: the code itself is never stored). */
  invite: (id: string) => ({ pk: `INVITE#${id}`, sk: 'INVITE' }),
  /**
   * That an invite with this id was ever issued, beside it and kept for good (no TTL): the code is
   * derived from the inviter and request id, so without it a replayed create would revive a code
   * after TTL removed its used, revoked or expired invite.
   */
  issued: (id: string) => ({ pk: `INVITE#${id}`, sk: 'ISSUED' }),
  /**
   * gsi1: a pending staff invite under its node, in the province's partition (admin invites, which
   * name no node, in one partition of their own). Accepting or revoking removes the keys.
   */
  pending: (orgPath: string | null, createdAt: string, id: string) => ({
    gsi1pk: inviteKeys.pendingPartition(orgPath),
    gsi1sk: orgPath === null ? `${createdAt}#${id}` : `${orgSubtreePrefix(orgPath)}#${createdAt}#${id}`,
  }),
  pendingPartition: (orgPath: string | null) =>
    orgPath === null ? 'INVITE_ADMIN' : `INVITE_ORG#${provinceOf(orgPath)}`,
};

export const suggestionKeys = {
  /** A station suggestion; its id is derived from the suggester and the client's request id. */
  suggestion: (id: string) => ({ pk: `SUGGEST#${id}`, sk: 'SUGGEST' }),
  /** gsi1: the review queue per state and province, sorted by org path (subtree = begins_with) then time. */
  queue: (state: string, orgPath: string, createdAt: string, id: string) => ({
    gsi1pk: suggestionKeys.queuePartition(state, orgPath),
    gsi1sk: `${orgSubtreePrefix(orgPath)}#${createdAt}#${id}`,
  }),
  queuePartition: (state: string, orgPath: string) => `SUG_Q#${state}#${provinceOf(orgPath)}`,
  /** gsi2: one user's suggestions by time. */
  bySuggester: (userId: string, createdAt: string, id: string) => ({
    gsi2pk: suggestionKeys.bySuggesterPartition(userId),
    gsi2sk: `${createdAt}#${id}`,
  }),
  bySuggesterPartition: (userId: string) => `SUG_BY#${userId}`,
};

/** The org levels the held-comment queue indexes: every level a station's org may have. */
export const HELD_QUEUE_DEPTHS = STATION_ORG_MAX_LEVELS;

export const stationCommentKeys = {
  /** A rating's comment, under its id (a keyed pseudonym of user, station and day). */
  comment: (id: string) => ({ pk: `STNCMT#${id}`, sk: 'COMMENT' }),
  /** gsi2: a public comment under its station, by time; set only while the comment is public. */
  publicByStation: (stationId: string, createdAt: string, id: string) => ({
    gsi2pk: stationCommentKeys.publicPartition(stationId),
    gsi2sk: `${createdAt}#${id}`,
  }),
  publicPartition: (stationId: string) => `STN_CMT#${stationId}`,
  /**
   * A station's entry in the held-comment review queue: its org and how many of its comments are
   * held (db/heldCommentQueue.ts). One item per station, so a move of the station rewrites one item.
   */
  heldQueueEntry: (stationId: string) => ({ pk: `STN_HELD_Q#${stationId}`, sk: 'ENTRY' }),
  /**
   * gsi1…gsi4: that entry in the queue of each org node above the station, one index per level
   * (like problemKeys.queue), sorted by when the entry was made (the station has had comments
   * waiting since), so any node's queue is one partition, oldest first. Absent levels are null
   * (removed).
   */
  heldQueue: (orgPath: string, heldSince: string, stationId: string) => {
    const ancestors = orgPathChain(orgPath);
    const entries: Record<string, string | null> = {};
    for (let depth = 1; depth <= HELD_QUEUE_DEPTHS; depth += 1) {
      const ancestor = ancestors[depth - 1];
      entries[`gsi${depth}pk`] = ancestor ? stationCommentKeys.heldQueuePartition(ancestor) : null;
      entries[`gsi${depth}sk`] = ancestor ? stationCommentKeys.heldQueueSortKey(heldSince, stationId) : null;
    }
    return entries;
  },
  heldQueuePartition: (orgPath: string) => `HELD_Q#${orgPath}`,
  /** The entry's sort key in every queue it is in: oldest waiting first, then by station. */
  heldQueueSortKey: (heldSince: string, stationId: string) => `${heldSince}#${stationId}`,
  /** gsi2: a held comment under its station, read by the queue page of its station; set only while held. */
  heldByStation: (stationId: string, createdAt: string, id: string) => ({
    gsi2pk: stationCommentKeys.heldByStationPartition(stationId),
    gsi2sk: `${createdAt}#${id}`,
  }),
  heldByStationPartition: (stationId: string) => `STN_CMT_HELD#${stationId}`,
};

export const adminIndexKeys = {
  /** gsi3: one admin in the admins partition; revoking the role removes the keys. */
  of: (userId: string) => ({ gsi3pk: adminIndexKeys.partition, gsi3sk: userId }),
  partition: 'ADMINS',
};

/** Where a visit sits: its file, its date, when it was written and its id. */
interface VisitPlaceKey {
  fileId: string;
  visitedOn: string;
  createdAt: string;
  visitId: string;
}

/** The sort-key tail that orders a file's visits: by visit date, then by when each was written. */
const visitSortTail = (place: VisitPlaceKey) => `${place.visitedOn}#${place.createdAt}#${place.visitId}`;

export const hardshipVisitKeys = {
  /** A file's visits live in the file's partition (`HFILE#<id>`, beside its `FILE` item). */
  filePartition: (fileId: string) => hardshipKeys.file(fileId).pk,
  visit: (place: VisitPlaceKey) => ({
    pk: hardshipVisitKeys.filePartition(place.fileId),
    sk: `${hardshipVisitKeys.visitPrefix}${visitSortTail(place)}`,
  }),
  visitPrefix: 'VISIT#',
  /** A visit id is claimed once across all files, so a retry finds its visit wherever it is. */
  claim: (visitId: string) => ({ pk: `HVISIT#${visitId}`, sk: 'VISIT' }),
  /**
   * "Visit X is corrected by Y", sorted as X is among the visits: the corrections of a page of
   * visits are one range of this prefix, between the page's oldest and newest visit.
   */
  correction: (corrected: VisitPlaceKey, correctionId: string) => ({
    pk: hardshipVisitKeys.filePartition(corrected.fileId),
    sk: `${hardshipVisitKeys.correctionPrefix}${visitSortTail(corrected)}#${correctionId}`,
  }),
  correctionPrefix: 'VFIX#',
};

export const hardshipPolicyKeys = {
  /** A node's monitoring policy as it stands (or a 恢复继承 marker that keeps its version counting). */
  current: (orgPath: string) => ({ pk: hardshipPolicyKeys.partition(orgPath), sk: 'CURRENT' }),
  /** One version of a node's policy, kept for its history; zero-padded so the sort key orders them. */
  version: (orgPath: string, version: number) => ({
    pk: hardshipPolicyKeys.partition(orgPath),
    sk: `${hardshipPolicyKeys.versionPrefix}${String(version).padStart(6, '0')}`,
  }),
  versionPrefix: 'V#',
  partition: (orgPath: string) => `HPOLICY#${orgPath}`,
};

/** Shards of the sweep's date indexes: a day's due alerts or checks spread over 8 partitions. */
export const SWEEP_SHARDS = 8;

/** The shard of a `xx_<32 hex>` id: its first hex digit, mod SWEEP_SHARDS (ids are random). */
export function shardOfId(id: string): number {
  return Number.parseInt(id.charAt(3), 16) % SWEEP_SHARDS;
}

export const hardshipAlertKeys = {
  alert: (id: string) => ({ pk: `HALERT#${id}`, sk: 'ALERT' }),
  /**
   * One per household and rule, in the file's partition: which alert of that rule is open (at most
   * one) and which bases were resolved, so the same cause never raises twice.
   */
  slot: (fileId: string, rule: string) => ({
    pk: hardshipKeys.file(fileId).pk,
    sk: `${hardshipAlertKeys.slotPrefix}${rule}`,
  }),
  slotPrefix: 'ALERTRULE#',
  /** The household's monitoring schedule, in the file's partition (the sweep finds it by checkOn). */
  monitor: (fileId: string) => ({ pk: hardshipKeys.file(fileId).pk, sk: 'MONITOR' }),
  /** A comment, in the alert's partition, oldest first. */
  comment: (alertId: string, at: string, commentId: string) => ({
    pk: hardshipAlertKeys.alert(alertId).pk,
    sk: `${hardshipAlertKeys.commentPrefix}${at}#${commentId}`,
  }),
  commentPrefix: 'COMMENT#',
  /** The claim on a client-made comment id: a retried comment is stored once. */
  commentClaim: (commentId: string) => ({ pk: `HACOMMENT#${commentId}`, sk: 'COMMENT' }),
  /** gsi1: the queue of one status, per province, by the file's org path (subtree = begins_with) then due date. */
  queue: (status: string, orgPath: string, dueOn: string, id: string) => ({
    gsi1pk: hardshipAlertKeys.queuePartition(status, orgPath),
    gsi1sk: `${orgSubtreePrefix(orgPath)}#${dueOn}#${id}`,
  }),
  queuePartition: (status: string, orgPath: string) => `HA_Q#${provinceOf(orgPath)}#${status}`,
  /** gsi2: one assignee's unresolved alerts by due date. */
  mine: (assigneeUserId: string, dueOn: string, id: string) => ({
    gsi2pk: hardshipAlertKeys.minePartition(assigneeUserId),
    gsi2sk: `${dueOn}#${id}`,
  }),
  minePartition: (assigneeUserId: string) => `HA_MINE#${assigneeUserId}`,
  /** gsi3: unresolved alerts that can still be escalated, by due date, in the id's shard. */
  due: (id: string, dueOn: string) => ({
    gsi3pk: hardshipAlertKeys.duePartition(shardOfId(id)),
    gsi3sk: `${dueOn}#${id}`,
  }),
  duePartition: (shard: number) => `HA_DUE#${shard}`,
  /** gsi4: unresolved alerts escalated to one org node, by the latest escalation's time. */
  escalated: (holderOrgPath: string, escalatedAt: string, id: string) => ({
    gsi4pk: hardshipAlertKeys.escalatedPartition(holderOrgPath),
    gsi4sk: `${escalatedAt}#${id}`,
  }),
  escalatedPartition: (holderOrgPath: string) => `HA_ESC#${holderOrgPath}`,
  /** gsi3: a household's monitor by its next check date, in the file id's shard. */
  monitorCheck: (fileId: string, checkOn: string) => ({
    gsi3pk: hardshipAlertKeys.monitorCheckPartition(shardOfId(fileId)),
    gsi3sk: `${checkOn}#${fileId}`,
  }),
  monitorCheckPartition: (shard: number) => `HF_CHECK#${shard}`,
};
