import {
  type SignupStatus,
  signupStatusLabels,
  signupTransitions,
  type VolunteerSignup,
  type WorksiteSignup,
} from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { useReachBottom, useRouter } from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { ChoiceChips, choicesOf } from '../../../components/ChoiceChips';
import { PagedList, pagingOf } from '../../../components/PagedList';
import { SplitView } from '../../../components/SplitView';
import { StaffCampaignDialog } from '../../../components/StaffCampaignDialog';
import { staffCampaignFallback } from '../../../components/StaffCampaignFallback';
import { StaffConflictNotice } from '../../../components/StaffConflictNotice';
import { StaffDistrictFilter } from '../../../components/StaffDistrictFilter';
import { StaffSignupVolunteerCard } from '../../../components/StaffSignupVolunteerCard';
import { StaffSignupVolunteerTable } from '../../../components/StaffSignupVolunteerTable';
import { StaffSignupWorksiteCard } from '../../../components/StaffSignupWorksiteCard';
import { StaffSignupWorksiteTable } from '../../../components/StaffSignupWorksiteTable';
import { type StaffTab, StaffTabs } from '../../../components/StaffTabs';
import { StateView } from '../../../components/StateView';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { type ReviewedSignup, type SignupTab, useSignupReview } from '../../../hooks/useSignupReview';
import { useStaffCampaignDetail } from '../../../hooks/useStaffCampaignDetail';
import { useWideScreen } from '../../../platform/wideScreen';
import { catalogNames, orgNamer } from '../../../services/staffOutreachFormat';
import './index.scss';

const tabs: StaffTab<SignupTab>[] = [
  { key: 'worksite', label: '工地报名' },
  { key: 'volunteer', label: '志愿者报名' },
];
const statusChoices = choicesOf(signupStatusLabels);

type Pending =
  | { action: 'approve' | 'decline'; signup: ReviewedSignup }
  | { action: 'reveal'; signup: ReviewedSignup };

const nameOf = (signup: ReviewedSignup) => ('siteName' in signup ? signup.siteName : signup.name);

/**
 * 报名审核 (?campaign=): the worksite and volunteer queues of one campaign, by status (and district
 * for worksites), with 通过 / 不通过 (a reason the applicant reads) and 查看完整号码 (a reason, recorded).
 */
export default function StaffSignupReviewPage() {
  const campaignId = useRouter().params.campaign || undefined;
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const allowed = gate.kind === 'allowed';
  const [tab, setTab] = useState<SignupTab>('worksite');
  const [status, setStatus] = useState<SignupStatus>('pending');
  const [org, setOrg] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState<Pending | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const wide = useWideScreen();
  const detail = useStaffCampaignDetail(campaignId, allowed);
  const queue = useSignupReview({ campaignId, tab, status, org, enabled: allowed && !!detail.data });
  useReachBottom(queue.loadMore);
  const names = useMemo(() => catalogNames(detail.data?.campaign), [detail.data]);
  const districtName = useMemo(() => orgNamer(detail.data?.orgs ?? []), [detail.data]);

  const view = staffCampaignFallback({
    gate,
    signedIn: account.signedIn,
    className: 'staff-review',
    page: '报名审核',
    campaignId,
    detail,
  });
  if (view.fallback) return view.fallback;
  const { campaign, orgs } = view.data;

  const card = (signup: ReviewedSignup) => {
    const next = signupTransitions[signup.status];
    const common = {
      phone: queue.phones[signup.id],
      busy: queue.busyId === signup.id,
      onApprove: next.includes('approved') ? () => setPending({ action: 'approve', signup }) : undefined,
      onDecline: next.includes('declined') ? () => setPending({ action: 'decline', signup }) : undefined,
      onReveal: () => setPending({ action: 'reveal', signup }),
    };
    return 'siteName' in signup ? (
      <StaffSignupWorksiteCard key={signup.id} {...common} signup={signup} names={names} />
    ) : (
      <StaffSignupVolunteerCard key={signup.id} {...common} signup={signup} districtName={districtName} />
    );
  };
  const selected = queue.items.find((s) => s.id === selectedId) ?? queue.items[0] ?? null;

  const table =
    tab === 'worksite' ? (
      <StaffSignupWorksiteTable
        signups={queue.items as WorksiteSignup[]}
        names={names}
        selectedId={selected?.id ?? null}
        onSelect={(s) => setSelectedId(s.id)}
      />
    ) : (
      <StaffSignupVolunteerTable
        signups={queue.items as VolunteerSignup[]}
        districtName={districtName}
        selectedId={selected?.id ?? null}
        onSelect={(s) => setSelectedId(s.id)}
      />
    );

  const main = (
    <>
      <Text className="staff-review__campaign">{campaign.title}</Text>
      {queue.conflict ? (
        <StaffConflictNotice
          text="这条报名已被其他人审核或修改，列表已刷新为最新内容。"
          onReload={queue.reload}
        />
      ) : null}
      <StaffTabs block="staff-review" tabs={tabs} selected={tab} onPick={setTab} />
      <View className="staff-review__filter">
        <ChoiceChips choices={statusChoices} selected={[status]} onToggle={setStatus} />
      </View>
      {tab === 'worksite' ? (
        <StaffDistrictFilter block="staff-review" orgs={orgs} selected={org} onPick={setOrg} />
      ) : null}
      <PagedList
        {...pagingOf(queue)}
        loadingTitle="正在加载报名…"
        errorTitle="报名加载失败"
        endText={`已显示全部 ${queue.items.length} 条报名`}
        empty={
          <StateView
            tone="empty"
            title={`没有${signupStatusLabels[status]}的${tab === 'worksite' ? '工地' : '志愿者'}报名`}
            description={status === 'pending' ? '新的报名会出现在这里。' : undefined}
          />
        }
      >
        {wide ? table : queue.items.map(card)}
      </PagedList>
    </>
  );

  const signupName = pending ? nameOf(pending.signup) : '';
  return (
    <View className={`page staff-review${wide ? ' page--wide' : ''}`}>
      {wide ? <SplitView main={main} side={selected ? card(selected) : null} /> : main}
      <StaffCampaignDialog
        visible={pending?.action === 'approve'}
        title="通过报名？"
        message={
          pending?.signup.id.startsWith('vs_')
            ? `通过后“${signupName}”成为本活动的志愿者，可以接受任务分配。`
            : `通过后可为“${signupName}”分配志愿者送达。`
        }
        confirmText="确认通过"
        onCancel={() => setPending(null)}
        onConfirm={() => {
          if (pending) void queue.review(pending.signup, { decision: 'approve' });
          setPending(null);
        }}
      />
      <StaffCampaignDialog
        visible={pending?.action === 'decline'}
        title={`不通过 · ${signupName}`}
        message="报名人会看到不通过的原因。"
        confirmText="确认不通过"
        reason={{ label: '不通过原因', placeholder: '例如 不在本次活动服务范围内', min: 2, max: 100 }}
        onCancel={() => setPending(null)}
        onConfirm={(reason) => {
          if (pending) void queue.review(pending.signup, { decision: 'decline', reason });
          setPending(null);
        }}
      />
      <StaffCampaignDialog
        visible={pending?.action === 'reveal'}
        title="查看完整号码"
        message="为保护报名人的隐私，号码默认隐藏。查看完整号码会记录您的账号、时间和原因；号码只在本页显示，离开本页后不再保留。"
        confirmText="查看"
        reason={{ label: '查看原因', placeholder: '例如 电话联系确认送达时间', min: 2, max: 60 }}
        onCancel={() => setPending(null)}
        onConfirm={(reason) => {
          if (pending) void queue.reveal(pending.signup.id, reason);
          setPending(null);
        }}
      />
    </View>
  );
}
