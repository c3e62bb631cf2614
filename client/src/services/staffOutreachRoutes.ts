import { toQueryString } from './http';
import { staffRoutes } from './staffRoutes';

/** The campaign editor: `id` edits, `copyFrom` starts a new campaign from an earlier one, neither: new. */
export function campaignEditorUrl(source: { id?: string; copyFrom?: string } = {}): string {
  return `${staffRoutes.campaign}${toQueryString({ id: source.id, copyFrom: source.copyFrom })}`;
}

export function signupReviewUrl(campaignId: string): string {
  return `${staffRoutes.review}${toQueryString({ campaign: campaignId })}`;
}

/** The assignment board, on `date` when given (else the page picks today or the season's start). */
export function assignmentBoardUrl(campaignId: string, date?: string): string {
  return `${staffRoutes.board}${toQueryString({ campaign: campaignId, date })}`;
}

export function deliveryDashboardUrl(campaignId: string): string {
  return `${staffRoutes.dashboard}${toQueryString({ campaign: campaignId })}`;
}

export function deliveryReviewUrl(campaignId: string): string {
  return `${staffRoutes.deliveries}${toQueryString({ campaign: campaignId })}`;
}
