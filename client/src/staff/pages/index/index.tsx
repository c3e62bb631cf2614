import { View } from '@tarojs/components';
import { NoAccess } from '../../../components/NoAccess';
import { OrgCard } from '../../../components/OrgCard';
import { StateView } from '../../../components/StateView';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { goBackOr, openPage } from '../../../services/navigation';
import { routes } from '../../../services/routes';
import './index.scss';

/** Union staff's landing page (subpackage): station upkeep, campaigns and monitoring arrive here. */
export default function StaffHomePage() {
  const { gate, account } = useRoleGate(['staff', 'admin']);

  if (gate.kind === 'loading') return <StateView tone="loading" title="正在加载…" />;
  if (gate.kind !== 'allowed') {
    return (
      <View className="page staff-page">
        <NoAccess
          audience="工会干部和管理员"
          signedIn={account.signedIn}
          onBack={() => void goBackOr(routes.me)}
          onSignIn={() => void openPage(routes.me)}
        />
      </View>
    );
  }
  return (
    <View className="page staff-page">
      {gate.me.org ? <OrgCard org={gate.me.org} title="管理范围" /> : null}
      <StateView
        tone="info"
        title="工作台即将上线"
        description="驿站信息维护、“三送”活动管理和防止返困监测帮扶将在这里办理。"
      />
    </View>
  );
}
