import { staffRoutes } from './staffRoutes';

const withQuery = (route: string, query: Record<string, string | undefined>) => {
  const pairs = Object.entries(query)
    .filter((pair): pair is [string, string] => Boolean(pair[1]))
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  return pairs.length ? `${route}?${pairs.join('&')}` : route;
};

/** The campaign editor: `id` edits, `copyFrom` starts a new campaign from an earlier one, neither: new. */
export function campaignEditorUrl(source: { id?: string; copyFrom?: string } = {}): string {
  return withQuery(staffRoutes.campaign, { id: source.id, copyFrom: source.copyFrom });
}

export function signupReviewUrl(campaignId: string): string {
  return withQuery(staffRoutes.review, { campaign: campaignId });
}

/** The assignment board, on `date` when given (else the page picks today or the season's start). */
export function assignmentBoardUrl(campaignId: string, date?: string): string {
  return withQuery(staffRoutes.board, { campaign: campaignId, date });
}
