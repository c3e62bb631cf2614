import type { AlertRef } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { severityText } from '../services/hardshipAlertFormat';
import './VisitAlertsRaised.scss';

export interface VisitAlertsRaisedProps {
  alerts: AlertRef[];
  onOpen: (alert: AlertRef) => void;
  onBack: () => void;
}

/** After a saved visit: the alerts it raised (or brought up to date), each a way to its detail. */
export function VisitAlertsRaised({ alerts, onOpen, onBack }: VisitAlertsRaisedProps) {
  return (
    <View className="visit-alerts">
      <Text className="visit-alerts__saved">走访已保存</Text>
      <Text className="visit-alerts__intro">根据本次走访，系统触发了以下预警，请及时确认处理：</Text>
      {alerts.map((alert) => (
        <View
          key={alert.id}
          className={`visit-alerts__alert visit-alerts__alert--${alert.severity}`}
          data-id={alert.id}
          onClick={() => onOpen(alert)}
        >
          <Text className="visit-alerts__label">已触发预警：{alert.ruleLabel}</Text>
          <Text className="visit-alerts__meta">{severityText(alert.severity)} · 查看并处理 ›</Text>
        </View>
      ))}
      <Button
        className="visit-alerts__back"
        type="primary"
        fill="outline"
        size="large"
        block
        onClick={onBack}
      >
        返回档案
      </Button>
    </View>
  );
}
