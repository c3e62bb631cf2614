import { View } from '@tarojs/components';
import { AlertList } from '../../../components/AlertList';
import { GateFallback } from '../../../components/GateFallback';
import { useMyAlerts } from '../../../hooks/useAlerts';
import { useRoleGate } from '../../../hooks/useRoleGate';
import './index.scss';

/** 我的预警: the unresolved alerts assigned to me, due soonest first. */
export default function MyAlertsPage() {
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const allowed = gate.kind === 'allowed';
  const list = useMyAlerts(allowed);
  if (!allowed) {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="工会干部和管理员"
        className="my-alerts"
      />
    );
  }
  return (
    <View className="page my-alerts">
      <AlertList list={list} emptyDescription="分派给您、尚未办结的预警会出现在这里。" />
    </View>
  );
}
