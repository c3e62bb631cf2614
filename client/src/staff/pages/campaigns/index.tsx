import { type Campaign, type CampaignStatus, isWithinOrg } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { GateFallback } from '../../../components/GateFallback';
import { SplitView } from '../../../components/SplitView';
import { StaffCampaignCard } from '../../../components/StaffCampaignCard';
import { StaffCampaignCopyDialog } from '../../../components/StaffCampaignCopyDialog';
import { StaffCampaignDialog } from '../../../components/StaffCampaignDialog';
import { StaffCampaignSignupCode } from '../../../components/StaffCampaignSignupCode';
import { StaffCampaignTable } from '../../../components/StaffCampaignTable';
import { StaffConflictNotice } from '../../../components/StaffConflictNotice';
import { StateView } from '../../../components/StateView';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { useStaffCampaigns } from '../../../hooks/useStaffCampaigns';
import { useWideScreen } from '../../../platform/wideScreen';
import { openPage } from '../../../services/navigation';
import { campaignMoveEffect, campaignMoveLabel } from '../../../services/staffOutreachFormat';
import {
  assignmentBoardUrl,
  campaignEditorUrl,
  deliveryDashboardUrl,
  signupReviewUrl,
} from '../../../services/staffOutreachRoutes';
import './index.scss';

interface PendingMove {
  campaign: Campaign;
  to: CampaignStatus;
}

/**
 * 三送活动: the campaigns the staff member's place takes part in (their union's and those above it),
 * with 新建活动, 复制往年活动, 编辑, the status moves (each confirmed first), the way into each
 * campaign's 报名审核 and 任务分配, and an open campaign's 报名二维码 to post or send. A wide
 * screen shows a table with the selected campaign beside it.
 */
export default function StaffCampaignsPage() {
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const scope = gate.kind === 'allowed' ? gate.me.org?.path : undefined;
  const list = useStaffCampaigns(scope);
  const wide = useWideScreen();
  const [pending, setPending] = useState<PendingMove | null>(null);
  const [copying, setCopying] = useState(false);
  const [codeFor, setCodeFor] = useState<Campaign | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // Back from the editor: show what was saved there.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) list.reload();
    shown.current = true;
  });

  if (gate.kind !== 'allowed') {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="工会干部和管理员"
        className="staff-campaigns"
      />
    );
  }
  if (!scope) {
    return (
      <StateView
        tone="info"
        title="未关联工会组织"
        description="三送活动按工会组织管理，请联系管理员为您设置所在的工会组织。"
      />
    );
  }
  if (!list.loaded) {
    return list.error ? (
      <StateView
        tone="error"
        title="活动加载失败"
        description={list.error.message}
        actions={[{ text: '重试', onClick: list.reload }]}
      />
    ) : (
      <StateView tone="loading" title="正在加载活动…" />
    );
  }

  const copyCandidates = list.campaigns.filter(
    (campaign) => campaign.status === 'closed' || campaign.status === 'archived',
  );
  const card = (campaign: Campaign) => (
    <StaffCampaignCard
      key={campaign.id}
      campaign={campaign}
      manageable={isWithinOrg(campaign.orgPath, scope)}
      busy={list.busyId === campaign.id}
      onEdit={() => void openPage(campaignEditorUrl({ id: campaign.id }))}
      onMove={(to) => setPending({ campaign, to })}
      onReview={() => void openPage(signupReviewUrl(campaign.id))}
      onBoard={() => void openPage(assignmentBoardUrl(campaign.id))}
      onDashboard={() => void openPage(deliveryDashboardUrl(campaign.id))}
      onSignupCode={() => setCodeFor(campaign)}
    />
  );
  const selected = list.campaigns.find((c) => c.id === selectedId) ?? list.campaigns[0] ?? null;

  const main = (
    <>
      {list.conflict ? (
        <StaffConflictNotice
          text="您打开此页后，其他人修改了这个活动，列表已刷新为最新内容，请确认后再操作。"
          onReload={list.reload}
        />
      ) : null}
      {list.error ? <ErrorBanner error={list.error} onRetry={list.reload} /> : null}
      <View className="staff-campaigns__actions">
        <Button
          className="staff-campaigns__create"
          type="primary"
          size="large"
          onClick={() => void openPage(campaignEditorUrl())}
        >
          新建活动
        </Button>
        <Button
          className="staff-campaigns__copy"
          type="primary"
          fill="outline"
          size="large"
          onClick={() => setCopying(true)}
        >
          复制往年活动
        </Button>
      </View>
      {list.campaigns.length === 0 ? (
        <StateView
          tone="empty"
          title="还没有三送活动"
          description="新建一个活动，设置日期、报名时间和物资目录后开始报名。"
        />
      ) : wide ? (
        <StaffCampaignTable
          campaigns={list.campaigns}
          selectedId={selected?.id ?? null}
          onSelect={(campaign) => setSelectedId(campaign.id)}
        />
      ) : (
        list.campaigns.map(card)
      )}
    </>
  );

  return (
    <View className={`page staff-campaigns${wide ? ' page--wide' : ''}`}>
      {wide ? <SplitView main={main} side={selected ? card(selected) : null} /> : main}
      <StaffCampaignDialog
        visible={pending !== null}
        title={pending ? `${campaignMoveLabel(pending.campaign.status, pending.to)}？` : ''}
        message={
          pending
            ? `“${pending.campaign.title}”：${campaignMoveEffect(pending.campaign.status, pending.to)}`
            : ''
        }
        confirmText={pending ? `确认${campaignMoveLabel(pending.campaign.status, pending.to)}` : '确认'}
        onCancel={() => setPending(null)}
        onConfirm={() => {
          if (pending) void list.move(pending.campaign, pending.to);
          setPending(null);
        }}
      />
      <StaffCampaignCopyDialog
        visible={copying}
        candidates={copyCandidates}
        onCancel={() => setCopying(false)}
        onPick={(campaign) => {
          setCopying(false);
          void openPage(campaignEditorUrl({ copyFrom: campaign.id }));
        }}
      />
      <StaffCampaignSignupCode campaign={codeFor} onClose={() => setCodeFor(null)} />
    </View>
  );
}
