import { type Delivery, type DeliveryReviewStatus, deliveryReviewStatusLabels } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { useReachBottom, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { PagedList, pagingOf } from '../../../components/PagedList';
import { SplitView } from '../../../components/SplitView';
import { StaffCampaignDialog } from '../../../components/StaffCampaignDialog';
import { staffCampaignFallback } from '../../../components/StaffCampaignFallback';
import { StaffConflictNotice } from '../../../components/StaffConflictNotice';
import { StaffDeliveryCard } from '../../../components/StaffDeliveryCard';
import { StaffDeliveryTable } from '../../../components/StaffDeliveryTable';
import { StaffDistrictFilter } from '../../../components/StaffDistrictFilter';
import { StaffTabs } from '../../../components/StaffTabs';
import { StateView } from '../../../components/StateView';
import { useDeliveryReview } from '../../../hooks/useDeliveryReview';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { useStaffCampaignDetail } from '../../../hooks/useStaffCampaignDetail';
import { useWideScreen } from '../../../platform/wideScreen';
import './index.scss';

const tabs = (['pending', 'needsChanges', 'approved', 'rejected'] as const).map((key) => ({
  key,
  label: deliveryReviewStatusLabels[key],
}));

type Pending = { action: 'approve' | 'needsChanges' | 'reject'; delivery: Delivery };

const emptyText: Record<DeliveryReviewStatus, string> = {
  pending: '志愿者提交的配送记录会出现在这里。',
  needsChanges: '标记为有问题的记录在志愿者修改后回到待审核。',
  approved: '',
  rejected: '',
};

/**
 * 配送审核 (?campaign=): a campaign's delivery records by review status (and district), paged,
 * each with its site, volunteer, items, 人次, time, marks and photos, and 通过 / 有问题（意见）/
 * 不通过（原因）. A wide screen shows a table with the selected record beside it.
 */
export default function StaffDeliveryReviewPage() {
  const campaignId = useRouter().params.campaign || undefined;
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const allowed = gate.kind === 'allowed';
  const [status, setStatus] = useState<DeliveryReviewStatus>('pending');
  const [orgPath, setOrgPath] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState<Pending | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const wide = useWideScreen();
  const detail = useStaffCampaignDetail(campaignId, allowed);
  const queue = useDeliveryReview({ campaignId, status, orgPath, enabled: allowed && !!detail.data });
  useReachBottom(queue.loadMore);

  const view = staffCampaignFallback({
    gate,
    signedIn: account.signedIn,
    className: 'staff-deliveries',
    page: '配送审核',
    campaignId,
    detail,
  });
  if (view.fallback) return view.fallback;
  const { campaign, orgs } = view.data;

  const card = (delivery: Delivery) => (
    <StaffDeliveryCard
      key={delivery.id}
      delivery={delivery}
      busy={queue.busyId === delivery.id}
      onApprove={() => setPending({ action: 'approve', delivery })}
      onNeedsChanges={() => setPending({ action: 'needsChanges', delivery })}
      onReject={() => setPending({ action: 'reject', delivery })}
    />
  );
  const selected = queue.items.find((d) => d.id === selectedId) ?? queue.items[0] ?? null;
  const decide = (comment: string) => {
    if (!pending) return;
    const { action, delivery } = pending;
    setPending(null);
    void queue.review(
      delivery,
      action === 'approve' ? { decision: 'approve' } : { decision: action, comment },
    );
  };

  const main = (
    <>
      <Text className="staff-deliveries__campaign">{campaign.title}</Text>
      {queue.conflict ? (
        <StaffConflictNotice
          text="这条记录已被其他人审核，或志愿者刚刚修改过，列表已刷新为最新内容。"
          onReload={queue.reload}
        />
      ) : null}
      <StaffTabs block="staff-deliveries" tabs={tabs} selected={status} onPick={setStatus} />
      <StaffDistrictFilter block="staff-deliveries" orgs={orgs} selected={orgPath} onPick={setOrgPath} />
      <PagedList
        {...pagingOf(queue)}
        loadingTitle="正在加载配送记录…"
        errorTitle="配送记录加载失败"
        endText={`已显示全部 ${queue.items.length} 条记录`}
        empty={
          <StateView
            tone="empty"
            title={`没有${deliveryReviewStatusLabels[status]}的配送记录`}
            description={emptyText[status] || undefined}
          />
        }
      >
        {wide ? (
          <StaffDeliveryTable
            deliveries={queue.items}
            selectedId={selected?.id ?? null}
            onSelect={(d) => setSelectedId(d.id)}
          />
        ) : (
          queue.items.map(card)
        )}
      </PagedList>
    </>
  );

  const site = pending?.delivery.siteName ?? '';
  return (
    <View className={`page staff-deliveries${wide ? ' page--wide' : ''}`}>
      {wide ? <SplitView main={main} side={selected ? card(selected) : null} /> : main}
      <StaffCampaignDialog
        visible={pending?.action === 'approve'}
        title="通过这条记录？"
        message={`通过后“${site}”计入已覆盖工地，志愿者不能再修改这条记录。`}
        confirmText="确认通过"
        onCancel={() => setPending(null)}
        onConfirm={decide}
      />
      <StaffCampaignDialog
        visible={pending?.action === 'needsChanges'}
        title={`有问题 · ${site}`}
        message="记录退回志愿者，志愿者会看到您的意见，修改后重新提交审核。"
        confirmText="退回修改"
        reason={{ label: '审核意见', placeholder: '例如 照片看不清物资，请补拍', min: 2, max: 200 }}
        onCancel={() => setPending(null)}
        onConfirm={decide}
      />
      <StaffCampaignDialog
        visible={pending?.action === 'reject'}
        title={`不通过 · ${site}`}
        message="不通过的记录不计入统计，也不能再修改。志愿者会看到原因。"
        confirmText="确认不通过"
        reason={{ label: '不通过原因', placeholder: '例如 重复记录', min: 2, max: 200 }}
        onCancel={() => setPending(null)}
        onConfirm={decide}
      />
    </View>
  );
}
