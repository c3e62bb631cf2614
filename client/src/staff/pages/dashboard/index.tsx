import type { DeliveryDashboard } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { staffCampaignFallback } from '../../../components/StaffCampaignFallback';
import { type ChartSeries, StaffChart } from '../../../components/StaffChart';
import {
  StaffDashboardCoverage,
  StaffDashboardItems,
  StaffDashboardOrgs,
  StaffDashboardSection,
  StaffDashboardVolunteers,
} from '../../../components/StaffDashboardTables';
import { StaffDashboardTotals } from '../../../components/StaffDashboardTotals';
import { StaffDeliveryExport } from '../../../components/StaffDeliveryExport';
import { StateView } from '../../../components/StateView';
import { useDeliveryDashboard } from '../../../hooks/useDeliveryDashboard';
import { usePullRefresh } from '../../../hooks/usePullRefresh';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { useStaffCampaignDetail } from '../../../hooks/useStaffCampaignDetail';
import { useWideScreen } from '../../../platform/wideScreen';
import { formatClock } from '../../../services/format';
import { openPage } from '../../../services/navigation';
import { axisDay } from '../../../services/staffDeliveryFormat';
import { deliveryReviewUrl } from '../../../services/staffOutreachRoutes';
import './index.scss';

const deliveriesBars: ChartSeries = { field: 'deliveries', name: '配送次数', mark: 'bar', color: '#1f7a5c' };
const peopleLine: ChartSeries = { field: 'people', name: '服务人次', mark: 'line', color: '#e08a1e' };

/** The node first shown (the server's default: the caller's node) and its children, to pick from. */
function orgChoices(top: { path: string; name: string } | null, children: { path: string; name: string }[]) {
  if (!top) return [];
  return [
    { value: top.path, label: `${top.name}（全部）` },
    ...children.map((c) => ({ value: c.path, label: c.name })),
  ];
}

function Charts({ dashboard, wide }: { dashboard: DeliveryDashboard; wide: boolean }) {
  const days = dashboard.byDay.map((d) => ({
    day: axisDay(d.date),
    deliveries: d.deliveries,
    people: d.people,
  }));
  const kinds = dashboard.byKind.map((k) => ({ name: k.name, deliveries: k.deliveries }));
  const orgs = dashboard.byOrg.map((o) => ({ name: o.orgName, deliveries: o.deliveries }));
  return (
    <View className={`staff-dashboard__charts${wide ? ' staff-dashboard__charts--wide' : ''}`}>
      <StaffChart title="每日配送与人次" rows={days} x="day" series={[deliveriesBars, peopleLine]} />
      <StaffChart title="按类别" rows={kinds} x="name" series={[deliveriesBars]} />
      {orgs.length > 0 ? (
        <StaffChart title="按下级组织" rows={orgs} x="name" series={[deliveriesBars]} horizontal />
      ) : null}
    </View>
  );
}

/**
 * 配送看板 (?campaign=): a campaign's figures for the caller's node or one of its children, read
 * from the counters kept with every record: totals, charts by day, kind and child org, items,
 * child orgs, top volunteers and worksite coverage. Pull down to refresh.
 */
export default function StaffDeliveryDashboardPage() {
  const campaignId = useRouter().params.campaign || undefined;
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const allowed = gate.kind === 'allowed';
  const wide = useWideScreen();
  const [orgPath, setOrgPath] = useState<string | undefined>(undefined);
  // The first answer names the node the server chose for us; the picker offers it and its children.
  const [top, setTop] = useState<{ path: string; name: string } | null>(null);
  const detail = useStaffCampaignDetail(campaignId, allowed);
  const dashboard = useDeliveryDashboard(campaignId, orgPath, allowed && Boolean(detail.data));
  usePullRefresh(async () => dashboard.retry());
  const shown = dashboard.data;
  if (shown && !top && orgPath === undefined) setTop({ path: shown.orgPath, name: shown.orgName });

  const view = staffCampaignFallback({
    gate,
    signedIn: account.signedIn,
    className: 'staff-dashboard',
    page: '配送看板',
    campaignId,
    detail,
  });
  if (view.fallback) return view.fallback;
  const { campaign, orgs } = view.data;
  if (!shown) {
    return dashboard.error ? (
      <StateView
        tone="error"
        title="看板加载失败"
        description={dashboard.error.message}
        actions={[{ text: '重试', onClick: dashboard.retry }]}
      />
    ) : (
      <StateView tone="loading" title="正在加载看板…" />
    );
  }

  const choices = orgChoices(
    top,
    orgs.filter((org) => top && org.parentPath === top.path),
  );
  const empty = shown.totals.deliveries === 0 && shown.totals.handouts === 0;
  return (
    <View className={`page staff-dashboard${wide ? ' page--wide' : ''}`}>
      <View className="staff-dashboard__head">
        <Text className="staff-dashboard__campaign">{campaign.title}</Text>
        <Text className="staff-dashboard__meta">
          {shown.orgName} · 更新于 {formatClock(shown.generatedAt)}
          {dashboard.loading ? ' · 正在刷新…' : ''}
        </Text>
      </View>
      {dashboard.error ? <ErrorBanner error={dashboard.error} onRetry={dashboard.retry} /> : null}
      {choices.length > 1 ? (
        <View className="staff-dashboard__orgs">
          <ChoiceChips choices={choices} selected={[shown.orgPath]} onToggle={setOrgPath} />
        </View>
      ) : null}
      <View className="staff-dashboard__actions">
        <Button
          className="staff-dashboard__review"
          type="primary"
          fill="outline"
          onClick={() => void openPage(deliveryReviewUrl(campaign.id))}
        >
          {`配送审核（待审核 ${shown.byStatus.pending}）`}
        </Button>
        <StaffDeliveryExport campaignId={campaign.id} orgPath={shown.orgPath} />
      </View>
      {empty ? (
        <StateView
          tone="empty"
          title="还没有配送记录"
          description="志愿者记录的配送和清凉码发放会汇总在这里。"
        />
      ) : (
        <>
          <StaffDashboardTotals dashboard={shown} />
          <Charts dashboard={shown} wide={wide} />
          <StaffDashboardSection title="物资明细" name="items">
            <StaffDashboardItems rows={shown.byItem} />
          </StaffDashboardSection>
          {shown.byOrg.length > 0 ? (
            <StaffDashboardSection title="下级组织（点击查看）" name="orgs">
              <StaffDashboardOrgs rows={shown.byOrg} onOpen={setOrgPath} />
            </StaffDashboardSection>
          ) : null}
          <StaffDashboardSection title="志愿者排行" name="volunteers">
            <StaffDashboardVolunteers rows={shown.topVolunteers} />
          </StaffDashboardSection>
        </>
      )}
      <StaffDashboardSection title="工地覆盖" name="coverage">
        <StaffDashboardCoverage coverage={shown.coverage} />
      </StaffDashboardSection>
    </View>
  );
}
