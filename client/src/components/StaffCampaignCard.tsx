import { type Campaign, type CampaignStatus, campaignTransitions, workerGroupLabels } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { rangeLabel } from '../services/outreachDates';
import { campaignMoveLabel } from '../services/staffOutreachFormat';
import { StaffCampaignBadge } from './StaffCampaignBadge';
import './StaffCampaignCard.scss';

export interface StaffCampaignCardProps {
  campaign: Campaign;
  /** The caller's union runs it (its org is within theirs): editing and status moves are theirs. */
  manageable: boolean;
  busy?: boolean;
  onEdit: () => void;
  onMove: (to: CampaignStatus) => void;
  onReview: () => void;
  onBoard: () => void;
  /** 配送看板: the campaign's delivery figures (and from there, 配送审核). */
  onDashboard: () => void;
  /** 报名二维码: shown for an open campaign the caller's union runs. */
  onSignupCode: () => void;
}

/** One campaign: its dates, kinds and audience at a glance, and what staff do with it next. */
export function StaffCampaignCard({
  campaign,
  manageable,
  busy,
  onEdit,
  onMove,
  onReview,
  onBoard,
  onDashboard,
  onSignupCode,
}: StaffCampaignCardProps) {
  const moves = manageable ? campaignTransitions[campaign.status] : [];
  const items = campaign.kinds.reduce((n, kind) => n + kind.items.length, 0);
  return (
    <View className="staff-campaign" data-id={campaign.id}>
      <View className="staff-campaign__head">
        <Text className="staff-campaign__title">{campaign.title}</Text>
        <StaffCampaignBadge status={campaign.status} />
      </View>
      {manageable ? null : <Text className="staff-campaign__owner">上级工会发起，可审核本地区报名</Text>}
      <View className="staff-campaign__facts">
        <Text className="staff-campaign__fact">活动日期：{rangeLabel(campaign.season)}</Text>
        <Text className="staff-campaign__fact">报名时间：{rangeLabel(campaign.signup)}</Text>
        <Text className="staff-campaign__fact">
          {campaign.kinds.map((kind) => kind.name).join('、')}（共 {items} 项物资或服务）
        </Text>
        <Text className="staff-campaign__fact">
          服务对象：{campaign.targetGroups.map((group) => workerGroupLabels[group]).join('、')}
        </Text>
      </View>
      <View className="staff-campaign__actions">
        <Button className="staff-campaign__review" size="normal" type="primary" onClick={onReview}>
          报名审核
        </Button>
        <Button className="staff-campaign__board" size="normal" type="primary" onClick={onBoard}>
          任务分配
        </Button>
        <Button className="staff-campaign__dashboard" size="normal" type="primary" onClick={onDashboard}>
          配送看板
        </Button>
        {manageable && campaign.status === 'open' ? (
          <Button
            className="staff-campaign__code"
            size="normal"
            type="primary"
            fill="outline"
            onClick={onSignupCode}
          >
            报名二维码
          </Button>
        ) : null}
        {manageable && campaign.status !== 'archived' ? (
          <Button
            className="staff-campaign__edit"
            size="normal"
            type="primary"
            fill="outline"
            onClick={onEdit}
          >
            编辑
          </Button>
        ) : null}
        {moves.map((to) => (
          <Button
            key={to}
            className={`staff-campaign__move staff-campaign__move--${to}`}
            size="normal"
            type={to === 'archived' ? 'default' : 'primary'}
            fill="outline"
            disabled={busy}
            onClick={() => onMove(to)}
          >
            {campaignMoveLabel(campaign.status, to)}
          </Button>
        ))}
      </View>
    </View>
  );
}
