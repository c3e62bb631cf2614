import {
  type ContractCallInput,
  type ContractOutput,
  listCampaignHandouts,
  reviewHandout,
} from '@ankang/shared';
import { call } from './api';

export type StaffHandout = ContractOutput<typeof listCampaignHandouts>['handouts'][number];
export type HandoutVerdict = Omit<ContractCallInput<typeof reviewHandout>['body'], 'version'>;

/** One page (20) of a campaign's over-allowance hand-outs in the caller's scope. */
export async function fetchFlaggedHandouts(
  campaignId: string,
  cursor?: string,
): Promise<{ items: StaffHandout[]; nextCursor?: string }> {
  const page = await call(listCampaignHandouts, {
    params: { id: campaignId },
    query: { flagged: 'true', cursor },
  });
  return { items: page.handouts, nextCursor: page.nextCursor ?? undefined };
}

/** 确认 or 撤销 with the version the reviewer saw (a stale one is a 409). */
export function decideHandout(handout: Pick<StaffHandout, 'id' | 'version'>, verdict: HandoutVerdict) {
  return call(reviewHandout, { params: { id: handout.id }, body: { ...verdict, version: handout.version } });
}
