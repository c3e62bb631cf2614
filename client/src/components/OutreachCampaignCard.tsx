import { type Campaign, campaignStatusLabels, workerGroupLabels } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { rangeLabel, signupClosedReason } from '../services/outreachDates';
import './OutreachCampaignCard.scss';

export interface OutreachCampaignCardProps {
  campaign: Campaign;
  /** Shanghai date, for whether sign-up is open today. */
  today: string;
  onWorksite: (campaign: Campaign) => void;
  onVolunteer: (campaign: Campaign) => void;
}

/** One 三送 campaign: when it runs, what each kind hands out, who it serves, and the two sign-ups. */
export function OutreachCampaignCard({
  campaign,
  today,
  onWorksite,
  onVolunteer,
}: OutreachCampaignCardProps) {
  const closed = signupClosedReason(campaign, today);
  return (
    <View className={`outreach-campaign outreach-campaign--${campaign.status}`}>
      <View className="outreach-campaign__head">
        <Text className="outreach-campaign__title">{campaign.title}</Text>
        <Text className={`outreach-campaign__status outreach-campaign__status--${campaign.status}`}>
          {campaignStatusLabels[campaign.status]}
        </Text>
      </View>
      <Text className="outreach-campaign__line">{`活动时间：${rangeLabel(campaign.season)}`}</Text>
      <Text className="outreach-campaign__line">{`报名时间：${rangeLabel(campaign.signup)}`}</Text>
      <View className="outreach-campaign__kinds">
        {campaign.kinds.map((kind) => (
          <View key={kind.code} className="outreach-campaign__kind">
            <Text className="outreach-campaign__kind-name">{kind.name}</Text>
            <Text className="outreach-campaign__items">{kind.items.map((item) => item.name).join('、')}</Text>
          </View>
        ))}
      </View>
      <Text className="outreach-campaign__line">
        {`服务对象：${campaign.targetGroups.map((group) => workerGroupLabels[group]).join('、')}`}
      </Text>
      {closed ? (
        <Text className="outreach-campaign__closed">{closed}</Text>
      ) : (
        <View className="outreach-campaign__actions">
          <Button
            className="outreach-campaign__worksite"
            type="primary"
            size="large"
            block
            onClick={() => onWorksite(campaign)}
          >
            工地报名
          </Button>
          <Button
            className="outreach-campaign__volunteer"
            type="primary"
            fill="outline"
            size="large"
            block
            onClick={() => onVolunteer(campaign)}
          >
            报名志愿者
          </Button>
        </View>
      )}
    </View>
  );
}
