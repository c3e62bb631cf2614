import {
  type AlertCounts,
  type HardshipAlertSeverity,
  type HardshipAlertStatus,
  type HardshipRule,
  hardshipAlertSeverityLabels,
  hardshipAlertStatusLabels,
  hardshipRuleLabels,
} from '@ankang/shared';
import { View } from '@tarojs/components';
import { useDidShow, useReachBottom } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { AlertRow } from '../../../components/AlertRow';
import { ChoiceChips, choicesOf } from '../../../components/ChoiceChips';
import { DistrictPicker } from '../../../components/DistrictPicker';
import { GateFallback } from '../../../components/GateFallback';
import { PagedList, pagingOf } from '../../../components/PagedList';
import { StaffTabs } from '../../../components/StaffTabs';
import { StateView } from '../../../components/StateView';
import { useAlerts } from '../../../hooks/useAlerts';
import { usePullRefresh } from '../../../hooks/usePullRefresh';
import { useRequest } from '../../../hooks/useRequest';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { alertUrl } from '../../../services/alertRoutes';
import { openPage } from '../../../services/navigation';
import { todayInShanghai } from '../../../services/outreachDates';
import { fetchScopeOrgs } from '../../../services/staffOutreach';
import './index.scss';

const statuses = Object.keys(hardshipAlertStatusLabels) as HardshipAlertStatus[];
const severityChoices = choicesOf(hardshipAlertSeverityLabels);
const ruleChoices = choicesOf(hardshipRuleLabels);

/** 待确认 3 (999+ when the server stopped counting at its bound). */
function tabLabel(status: HardshipAlertStatus, counts: AlertCounts | null): string {
  const label = hardshipAlertStatusLabels[status];
  if (!counts) return label;
  const n = counts[status];
  return `${label} ${counts.capped && n >= 999 ? '999+' : n}`;
}

/**
 * 预警处理: the alerts of the caller's union and below by status (with the counts per status),
 * narrowed by severity, rule, a union below, and 只看逾期; due soonest first. Rows name the
 * household by name and district only.
 */
export default function AlertsPage() {
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const allowed = gate.kind === 'allowed';
  const [status, setStatus] = useState<HardshipAlertStatus>('open');
  const [severity, setSeverity] = useState<HardshipAlertSeverity | undefined>(undefined);
  const [rule, setRule] = useState<HardshipRule | undefined>(undefined);
  const [childOrg, setChildOrg] = useState<string | undefined>(undefined);
  const [overdue, setOverdue] = useState(false);
  const list = useAlerts({ status, severity, rule, childOrg, overdue }, allowed);
  const orgs = useRequest(fetchScopeOrgs, { enabled: allowed });
  useReachBottom(list.loadMore);
  usePullRefresh(async () => list.reload());
  // An alert handled on its page shows its new state on the way back.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) list.reload();
    shown.current = true;
  });

  if (!allowed) {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="工会干部和管理员"
        className="alerts-page"
      />
    );
  }

  const own = gate.me.org?.path;
  // A union strictly below the caller's: the caller's own node is the whole queue already.
  const below = (orgs.data ?? []).filter((o) => o.path !== own);
  const today = todayInShanghai();
  const narrowed = severity !== undefined || rule !== undefined || childOrg !== undefined || overdue;
  const tabs = statuses.map((key) => ({ key, label: tabLabel(key, list.counts) }));
  const toggle = <T,>(set: (f: (current: T | undefined) => T | undefined) => void, value: T) =>
    set((current) => (current === value ? undefined : value));

  return (
    <View className="page alerts-page">
      <StaffTabs block="alerts-page" tabs={tabs} selected={status} onPick={setStatus} />
      <View className="alerts-page__filters alerts-page__filters--severity">
        <ChoiceChips
          choices={[...severityChoices, { value: 'overdue' as const, label: '只看逾期' }]}
          selected={[...(severity ? [severity] : []), ...(overdue ? (['overdue'] as const) : [])]}
          onToggle={(value) => {
            if (value === 'overdue') setOverdue((on) => !on);
            else toggle(setSeverity, value);
          }}
        />
      </View>
      <View className="alerts-page__filters alerts-page__filters--rule">
        <ChoiceChips
          choices={ruleChoices}
          selected={rule ? [rule] : []}
          onToggle={(value) => toggle(setRule, value)}
        />
      </View>
      {below.length > 0 ? (
        <View className="alerts-page__districts">
          <DistrictPicker
            districts={[
              { path: '', name: '全部', region: '本级及下级', parentPath: null },
              ...below.map(({ path, name, region, parentPath }) => ({ path, name, region, parentPath })),
            ]}
            selected={childOrg ?? ''}
            onPick={(path) => setChildOrg(path || undefined)}
          />
        </View>
      ) : null}
      <PagedList
        {...pagingOf(list)}
        loadingTitle="正在加载预警…"
        errorTitle="预警加载失败"
        endText={`已显示全部 ${list.items.length} 条预警`}
        empty={
          <StateView
            tone="empty"
            title="暂无预警"
            description={
              narrowed
                ? '可以换个筛选条件再看。'
                : `没有“${hardshipAlertStatusLabels[status]}”的预警。走访和每日检查触发的预警会出现在这里。`
            }
          />
        }
      >
        {list.items.map((alert) => (
          <AlertRow
            key={alert.id}
            alert={alert}
            today={today}
            onOpen={() => void openPage(alertUrl(alert.id))}
          />
        ))}
      </PagedList>
    </View>
  );
}
