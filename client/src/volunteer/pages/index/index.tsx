import { View } from '@tarojs/components';
import { NoAccess } from '../../../components/NoAccess';
import { StateView } from '../../../components/StateView';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { goBackOr, openPage } from '../../../services/navigation';
import { routes } from '../../../services/routes';
import './index.scss';

/** Volunteers' landing page (subpackage): the 三送 sign-up and delivery log arrive here next. */
export default function VolunteerHomePage() {
  const { gate, account } = useRoleGate(['volunteer']);

  if (gate.kind === 'loading') return <StateView tone="loading" title="正在加载…" />;
  if (gate.kind !== 'allowed') {
    return (
      <View className="page volunteer-page">
        <NoAccess
          audience="志愿者"
          signedIn={account.signedIn}
          onBack={() => void goBackOr(routes.me)}
          onSignIn={() => void openPage(routes.me)}
        />
      </View>
    );
  }
  return (
    <View className="page volunteer-page">
      <StateView
        tone="info"
        title={`${gate.me.nickname}，感谢您参与志愿服务`}
        description="夏季安康“三送”（送清凉、送健康、送安全）的任务领取和送达记录即将上线。"
      />
    </View>
  );
}
