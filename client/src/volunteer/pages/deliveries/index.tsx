import type { Campaign } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { DeliveryRecordCard } from '../../../components/DeliveryRecordCard';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { GateFallback } from '../../../components/GateFallback';
import { StateView } from '../../../components/StateView';
import { useMyDeliveries, useVolunteerCampaigns } from '../../../hooks/useMyDeliveries';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { handOverDelivery } from '../../../services/deliveries';
import { discardDelivery } from '../../../services/deliveryOutbox';
import { deliveryFormUrl } from '../../../services/deliveryRoutes';
import { openPage } from '../../../services/navigation';
import { campaignIdOf } from '../../../services/outreach';
import { routes } from '../../../services/routes';
import './index.scss';

function Records({ campaignId, campaign }: { campaignId: string; campaign: Campaign | null }) {
  const { rows, list, retry, flush, waiting, entries } = useMyDeliveries(campaignId, campaign);
  const discard = async (entryId: string) => {
    const { confirm } = await Taro.showModal({
      title: '放弃这条记录？',
      content: '这条记录没有上传成功，放弃后将从手机上删除，不能恢复。',
      confirmText: '放弃',
      cancelText: '保留',
    });
    if (confirm) discardDelivery(entryId, entries);
  };

  let content: JSX.Element;
  if (rows.length === 0 && list.loading) content = <StateView tone="loading" title="正在加载配送记录…" />;
  else if (rows.length === 0 && list.error) {
    content = (
      <StateView
        tone="error"
        title="配送记录加载失败"
        description={list.error.message}
        actions={[{ text: '重试', onClick: list.retry }]}
      />
    );
  } else if (rows.length === 0) {
    content = (
      <StateView
        tone="empty"
        title="还没有配送记录"
        description="到达任务地点后，在任务详情中点“记录配送”；在任务以外的地点送达，点上方“临时站点记录”。"
        actions={[{ text: '查看我的任务', onClick: () => void openPage(routes.volunteer), primary: false }]}
      />
    );
  } else {
    content = (
      <View>
        {list.error?.code === 'NETWORK' ? (
          <Text className="deliveries-page__offline">没有网络，暂时只显示手机上的记录。</Text>
        ) : list.error ? (
          <ErrorBanner error={list.error} onRetry={list.retry} />
        ) : null}
        {rows.map((row) => (
          <DeliveryRecordCard
            key={row.id}
            row={row}
            onRetry={retry}
            onDiscard={(entryId) => void discard(entryId)}
            onEdit={(r) => {
              if (!r.record) return;
              handOverDelivery(r.record);
              void openPage(deliveryFormUrl({ campaignId, editId: r.id }));
            }}
          />
        ))}
        {list.hasMore ? (
          <View className="deliveries-page__more">
            <Button fill="outline" block loading={list.loadingMore} onClick={list.loadMore}>
              加载更多
            </Button>
          </View>
        ) : null}
      </View>
    );
  }

  return (
    <View>
      <View className="deliveries-page__actions">
        <Button
          type="primary"
          size="large"
          block
          onClick={() => void openPage(deliveryFormUrl({ campaignId, adHoc: true }))}
        >
          临时站点记录
        </Button>
      </View>
      {waiting > 0 ? (
        <View className="deliveries-page__waiting">
          <Text>{`${waiting} 项待上传，有网络时会自动上传。`}</Text>
          <Text className="deliveries-page__flush" onClick={flush}>
            立即上传
          </Text>
        </View>
      ) : null}
      {content}
    </View>
  );
}

function MyDeliveries() {
  const linked = campaignIdOf(useRouter().params.campaign);
  const campaigns = useVolunteerCampaigns(linked);
  const [picked, setPicked] = useState<string | null>(null);
  const list = campaigns.data;

  if (!list) {
    return (
      <View className="page deliveries-page">
        {campaigns.error ? (
          <StateView
            tone="error"
            title="活动信息加载失败"
            description={campaigns.error.message}
            actions={[{ text: '重试', onClick: campaigns.retry }]}
          />
        ) : (
          <StateView tone="loading" title="正在加载…" />
        )}
      </View>
    );
  }
  if (list.length === 0) {
    return (
      <View className="page deliveries-page">
        <StateView
          tone="empty"
          title="没有可记录的活动"
          description="志愿者报名审核通过后，即可在这里记录配送。"
          actions={[{ text: '查看三送活动', onClick: () => void openPage(routes.outreachCampaigns) }]}
        />
      </View>
    );
  }
  const current = list.find((c) => c.id === picked) ?? list[0]!;
  return (
    <View className="page deliveries-page">
      {list.length > 1 ? (
        <View className="deliveries-page__campaigns">
          <ChoiceChips
            choices={list.map((c) => ({ value: c.id, label: c.campaign?.title ?? c.id }))}
            selected={[current.id]}
            onToggle={setPicked}
          />
        </View>
      ) : current.campaign ? (
        <Text className="deliveries-page__campaign">{current.campaign.title}</Text>
      ) : null}
      <Records key={current.id} campaignId={current.id} campaign={current.campaign} />
    </View>
  );
}

/** 我的配送记录 (volunteers): what is on the phone waiting to go, and what the server has with its review. */
export default function MyDeliveriesPage() {
  const { gate, account } = useRoleGate(['volunteer']);
  if (gate.kind !== 'allowed') {
    return (
      <GateFallback gate={gate} signedIn={account.signedIn} audience="志愿者" className="deliveries-page" />
    );
  }
  return <MyDeliveries />;
}
