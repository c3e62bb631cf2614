import { type ContractResult, getCampaignSignupCode } from '@ankang/shared';
import { call } from './api';

export type CampaignSignupCode = ContractResult<typeof getCampaignSignupCode>;

/** The campaign's sign-up code from WeChat, made anew each time (nothing is stored). */
export function fetchCampaignSignupCode(id: string): Promise<CampaignSignupCode> {
  return call(getCampaignSignupCode, { params: { id } });
}
