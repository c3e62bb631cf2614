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
import { useState } from 'react';
import { AlertList } from '../../../components/AlertList';
import { ChoiceChips, choicesOf } from '../../../components/ChoiceChips';
import { DistrictPicker } from '../../../components/DistrictPicker';
import { GateFallback } from '../../../components/GateFallback';
import { StaffTabs } from '../../../components/StaffTabs';
import { useAlerts } from '../../../hooks/useAlerts';
import { useRequest } from '../../../hooks/useRequest';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { fetchScopeOrgs } from '../../../services/staffOutreach';
import './index.scss';

const statuses = Object.keys(hardshipAlertStatusLabels) as HardshipAlertStatus[];
const severityChoices = choicesOf(hardshipAlertSeverityLabels);
const ruleChoices = choicesOf(hardshipRuleLabels);

/** 待确认 3 (999+ when the server stopped counting at its bound); 已办结 is not counted. */
function tabLabel(status: HardshipAlertStatus, counts: AlertCounts | null): string {
  const label = hardshipAlertStatusLabels[status];
  const n = status === 'resolved' ? undefined : counts?.[status];
  if (!counts || n === undefined) return label;
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
      <AlertList
        list={list}
        emptyDescription={
          narrowed
            ? '可以换个筛选条件再看。'
            : `没有“${hardshipAlertStatusLabels[status]}”的预警。走访和每日检查触发的预警会出现在这里。`
        }
      />
    </View>
  );
}
