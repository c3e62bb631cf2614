import type { HardshipAlertSummary } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { AlertBadges } from './AlertBadges';
import './AlertRow.scss';

/**
 * One alert in a list: the rule, the badges, the household by name and district (a list never shows
 * an ID number, phone or address) and who handles it.
 */
export function AlertRow({
  alert,
  today,
  onOpen,
}: {
  alert: HardshipAlertSummary;
  today: string;
  onOpen: () => void;
}) {
  return (
    <View className={`alert-row alert-row--${alert.severity}`} data-id={alert.id} onClick={onOpen}>
      <View className="alert-row__head">
        <Text className="alert-row__rule">{alert.ruleLabel}</Text>
        <Text className="alert-row__open">›</Text>
      </View>
      <AlertBadges alert={alert} today={today} />
      <Text className="alert-row__household">
        {alert.headName} · {alert.district}
      </Text>
      <Text className="alert-row__assignee">处理人 {alert.assigneeName}</Text>
    </View>
  );
}
