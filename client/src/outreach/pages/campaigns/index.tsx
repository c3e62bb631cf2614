import type { Campaign } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { DistrictPicker } from '../../../components/DistrictPicker';
import { OutreachCampaignCard } from '../../../components/OutreachCampaignCard';
import { OutreachSignIn } from '../../../components/OutreachSignIn';
import { StateView } from '../../../components/StateView';
import { useAccount } from '../../../hooks/useAccount';
import { useOutreachCampaigns } from '../../../hooks/useOutreachCampaigns';
import { openPage } from '../../../services/navigation';
import { todayInShanghai } from '../../../services/outreachDates';
import { routes } from '../../../services/routes';
import './index.scss';

const withCampaign = (route: string, campaign: Campaign) =>
  `${route}?campaign=${encodeURIComponent(campaign.id)}`;

/** 三送活动: the campaigns of the district picked (remembered), each with its two sign-ups. */
export default function OutreachCampaignsPage() {
  const account = useAccount();
  const { districts, org, pickOrg, campaigns, retryAll } = useOutreachCampaigns(
    account.signedIn,
    account.me?.org?.path ?? null,
  );
  const [picking, setPicking] = useState(false);

  if (!account.signedIn) {
    return (
      <OutreachSignIn
        description="登录后可查看本地工会的夏季安康“三送”活动，并为工地或自己报名。"
        signingIn={account.signingIn}
        error={account.signInError}
        onSignIn={account.signIn}
      />
    );
  }
  if (!districts.data) {
    return districts.error ? (
      <StateView
        tone="error"
        title="地区列表加载失败"
        description={districts.error.message}
        actions={[{ text: '重试', onClick: retryAll }]}
      />
    ) : (
      <StateView tone="loading" title="正在加载地区…" />
    );
  }

  const place = districts.data.find((d) => d.path === org);
  if (!place || picking) {
    return (
      <View className="page outreach-campaigns">
        <Text className="outreach-campaigns__intro">
          请选择您或工地所在的地区，查看当地工会的“三送”活动。
        </Text>
        <DistrictPicker
          districts={districts.data}
          selected={org}
          onPick={(path) => {
            pickOrg(path);
            setPicking(false);
          }}
        />
      </View>
    );
  }

  const today = todayInShanghai();
  let list: JSX.Element;
  if (campaigns.error && !campaigns.data) {
    list = (
      <StateView
        tone="error"
        title="活动加载失败"
        description={campaigns.error.message}
        actions={[{ text: '重试', onClick: campaigns.retry }]}
      />
    );
  } else if (!campaigns.data) {
    list = <StateView tone="loading" title="正在加载活动…" />;
  } else if (campaigns.data.length === 0) {
    list = (
      <StateView
        tone="empty"
        title={`${place.region}暂无“三送”活动`}
        description="工会发布活动后会显示在这里，也可以换个地区看看。"
      />
    );
  } else {
    list = (
      <View>
        {campaigns.data.map((campaign) => (
          <OutreachCampaignCard
            key={campaign.id}
            campaign={campaign}
            today={today}
            onWorksite={(c) => void openPage(withCampaign(routes.worksiteSignup, c))}
            onVolunteer={(c) => void openPage(withCampaign(routes.volunteerSignup, c))}
          />
        ))}
      </View>
    );
  }

  return (
    <View className="page outreach-campaigns">
      <View className="outreach-campaigns__place">
        <Text className="outreach-campaigns__place-name">{place.name}</Text>
        <Text className="outreach-campaigns__change" onClick={() => setPicking(true)}>
          更换地区
        </Text>
      </View>
      {list}
      <Text className="outreach-campaigns__mine" onClick={() => void openPage(routes.mySignups)}>
        查看我的报名 ›
      </Text>
    </View>
  );
}
