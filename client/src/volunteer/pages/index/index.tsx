import { View } from '@tarojs/components';
import { StateView } from '../../../components/StateView';
import { useRoleGate } from '../../../hooks/useRoleGate';
import './index.scss';
import { GateFallback } from '../../../components/GateFallback';

/** Volunteers' landing page (subpackage): the 三送 sign-up and delivery log arrive here next. */
export default function VolunteerHomePage() {
  const { gate, account } = useRoleGate(['volunteer']);

  if (gate.kind !== 'allowed') {
    return (
      <GateFallback gate={gate} signedIn={account.signedIn} audience="志愿者" className="volunteer-page" />
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
