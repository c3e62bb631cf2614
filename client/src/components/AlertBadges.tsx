import {
  type HardshipAlertSummary,
  hardshipAlertSeverityLabels,
  hardshipAlertStatusLabels,
} from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { dueText } from '../services/hardshipAlertFormat';
import './AlertBadges.scss';

/**
 * An alert's severity (高 red, 中 orange, 低 grey, 待办 blue), its status, the due date or 逾期 N 天
 * (red once overdue) and 已上报至 <union> when it was escalated.
 */
export function AlertBadges({
  alert,
  today,
}: {
  alert: Pick<HardshipAlertSummary, 'severity' | 'status' | 'dueOn' | 'overdue' | 'escalation'>;
  today: string;
}) {
  const resolved = alert.status === 'resolved';
  return (
    <View className="alert-badges">
      <Text className={`alert-badges__badge alert-badges__badge--${alert.severity}`}>
        {hardshipAlertSeverityLabels[alert.severity]}
      </Text>
      <Text
        className={`alert-badges__badge alert-badges__badge--status alert-badges__badge--${alert.status}`}
      >
        {hardshipAlertStatusLabels[alert.status]}
      </Text>
      {resolved ? null : (
        <Text className={`alert-badges__badge alert-badges__badge--${alert.overdue ? 'overdue' : 'due'}`}>
          {dueText(alert.dueOn, today)}
        </Text>
      )}
      {alert.escalation ? (
        <Text className="alert-badges__badge alert-badges__badge--escalated">
          已上报至{alert.escalation.toOrgName}
        </Text>
      ) : null}
    </View>
  );
}
