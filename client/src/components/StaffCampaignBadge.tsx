import { type CampaignStatus, campaignStatusLabels } from '@ankang/shared';
import { Text } from '@tarojs/components';
import './StaffCampaignBadge.scss';

/** A campaign's status as a coloured badge (草稿, 报名中, 已结束报名, 已归档). */
export function StaffCampaignBadge({ status }: { status: CampaignStatus }) {
  return (
    <Text className={`staff-campaign-badge staff-campaign-badge--${status}`}>
      {campaignStatusLabels[status]}
    </Text>
  );
}
