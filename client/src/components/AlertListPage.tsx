import { Text, View } from '@tarojs/components';
import { type AlertListKind, useAlertList } from '../hooks/useAlerts';
import { useRoleGate } from '../hooks/useRoleGate';
import { AlertList } from './AlertList';
import { GateFallback } from './GateFallback';
import './AlertListPage.scss';

export interface AlertListPageProps {
  kind: AlertListKind;
  /** The page's block class (its own padding and the tests' handle). */
  className: string;
  /** A line above the list saying what it holds. */
  intro?: string;
  emptyDescription: string;
}

/** 我的预警 and 上级督办: a staff page that is one list of alerts, behind the staff/admin gate. */
export function AlertListPage({ kind, className, intro, emptyDescription }: AlertListPageProps) {
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const allowed = gate.kind === 'allowed';
  const list = useAlertList(kind, allowed);
  if (!allowed) {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="工会干部和管理员"
        className={className}
      />
    );
  }
  return (
    <View className={`page alert-list-page ${className}`}>
      {intro ? <Text className="alert-list-page__intro">{intro}</Text> : null}
      <AlertList list={list} emptyDescription={emptyDescription} />
    </View>
  );
}
