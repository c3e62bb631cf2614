import { Text, View } from '@tarojs/components';
import { AlertList } from '../../../components/AlertList';
import { GateFallback } from '../../../components/GateFallback';
import { useEscalatedAlerts } from '../../../hooks/useAlerts';
import { useRoleGate } from '../../../hooks/useRoleGate';
import './index.scss';

/**
 * 上级督办: alerts a union below did not handle by their due date, escalated to mine (newest
 * escalation first); each detail says who did not act.
 */
export default function EscalatedAlertsPage() {
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const allowed = gate.kind === 'allowed';
  const list = useEscalatedAlerts(allowed);
  if (!allowed) {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="工会干部和管理员"
        className="escalated-alerts"
      />
    );
  }
  return (
    <View className="page escalated-alerts">
      <Text className="escalated-alerts__intro">下级工会逾期未处理的预警，已上报至本级督办。</Text>
      <AlertList list={list} emptyDescription="下级逾期未处理的预警会上报到这里。" />
    </View>
  );
}
