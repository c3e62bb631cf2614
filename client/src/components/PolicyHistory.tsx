import type { HardshipPolicyHistoryEntry } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { momentText } from '../services/hardshipFormat';
import './PolicyHistory.scss';

/** What one version did, in a line: 恢复继承, or its cadences and thresholds in short. */
function summaryOf(entry: HardshipPolicyHistoryEntry): string {
  const policy = entry.policy;
  if (!policy) return '恢复继承上级规则';
  return `走访周期 ${policy.cadenceActiveDays}/${policy.cadenceRecentExitDays}/${policy.cadenceAfterHighDays} 天 · 相对困难线 ${policy.relativeMultiple} 倍 · 收入降幅 ${policy.incomeDropPercent}% · 监测期 ${policy.monitoringMonths} 个月`;
}

/** A node's own versions, newest first; empty: it has always inherited. */
export function PolicyHistory({ history }: { history: HardshipPolicyHistoryEntry[] }) {
  if (history.length === 0) {
    return <Text className="policy-history__empty">本级从未单独设置，一直沿用上级规则。</Text>;
  }
  return (
    <View className="policy-history">
      {history.map((entry) => (
        <View key={entry.version} className="policy-history__row">
          <Text className="policy-history__title">
            第 {entry.version} 版 · {entry.setByName} · {momentText(entry.setAt)}
          </Text>
          <Text className="policy-history__summary">{summaryOf(entry)}</Text>
          {entry.note ? <Text className="policy-history__note">{entry.note}</Text> : null}
        </View>
      ))}
    </View>
  );
}
