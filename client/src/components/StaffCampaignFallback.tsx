import type { Campaign, OrgNode } from '@ankang/shared';
import type { ReactElement } from 'react';
import type { RequestState } from '../hooks/useRequest';
import type { GateState } from '../hooks/useRoleGate';
import { GateFallback } from './GateFallback';
import { StateView } from './StateView';

type CampaignDetail = { campaign: Campaign; orgs: OrgNode[] };

/**
 * What a page about one campaign (报名审核, 任务分配) shows before it has its campaign: the role
 * gate, no campaign in the link, or the campaign loading / failed. A plain function, not a
 * component, so each page renders exactly the elements it rendered inline before.
 */
export function staffCampaignFallback(props: {
  gate: GateState;
  signedIn: boolean;
  className: string;
  /** The page's name, in "请从三送活动列表进入…". */
  page: string;
  campaignId: string | undefined;
  detail: RequestState<CampaignDetail>;
}): { fallback: ReactElement; data?: undefined } | { fallback?: undefined; data: CampaignDetail } {
  const { gate, detail } = props;
  if (gate.kind !== 'allowed') {
    return {
      fallback: (
        <GateFallback
          gate={gate}
          signedIn={props.signedIn}
          audience="工会干部和管理员"
          className={props.className}
        />
      ),
    };
  }
  if (!props.campaignId) {
    return {
      fallback: (
        <StateView tone="info" title="未指定活动" description={`请从三送活动列表进入${props.page}。`} />
      ),
    };
  }
  if (detail.data) return { data: detail.data };
  return {
    fallback: detail.error ? (
      <StateView
        tone="error"
        title="活动加载失败"
        description={detail.error.message}
        actions={[{ text: '重试', onClick: detail.retry }]}
      />
    ) : (
      <StateView tone="loading" title="正在加载活动…" />
    ),
  };
}
