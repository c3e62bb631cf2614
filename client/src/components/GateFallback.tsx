import { View } from '@tarojs/components';
import type { GateState } from '../hooks/useRoleGate';
import { goBackOr, openPage } from '../services/navigation';
import { routes } from '../services/routes';
import { NoAccess } from './NoAccess';
import { StateView } from './StateView';

/**
 * What a role-gated page shows until the gate lets the caller in: a loading state, or 无权限 /
 * 请先登录 with a way back to 我的.
 */
export function GateFallback(props: {
  gate: GateState;
  signedIn: boolean;
  audience: string;
  className: string;
}) {
  if (props.gate.kind === 'loading') return <StateView tone="loading" title="正在加载…" />;
  return (
    <View className={`page ${props.className}`}>
      <NoAccess
        audience={props.audience}
        signedIn={props.signedIn}
        onBack={() => void goBackOr(routes.me)}
        onSignIn={() => void openPage(routes.me)}
      />
    </View>
  );
}
