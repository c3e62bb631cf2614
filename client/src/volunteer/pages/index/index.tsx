import { Text, View } from '@tarojs/components';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { GateFallback } from '../../../components/GateFallback';
import { PrivacyPopup } from '../../../components/PrivacyPopup';
import { StateView } from '../../../components/StateView';
import { VolunteerTaskRow } from '../../../components/VolunteerTaskRow';
import { usePrivacyRequest } from '../../../hooks/usePrivacyRequest';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { useVolunteerTasks } from '../../../hooks/useVolunteerTasks';
import { deliveryListUrl } from '../../../services/deliveryRoutes';
import { handoutScanUrl } from '../../../services/handoutRoutes';
import { openPage } from '../../../services/navigation';
import { routes } from '../../../services/routes';
import './index.scss';

const taskUrl = (id: string) => `${routes.volunteerTask}?id=${encodeURIComponent(id)}`;

/** The list itself, mounted only for volunteers (it asks for the position). */
function MyTasks({ nickname }: { nickname: string }) {
  const privacy = usePrivacyRequest();
  const { tasks, error, retry, location } = useVolunteerTasks();

  let content: JSX.Element;
  if (!tasks) {
    content = error ? (
      <StateView
        tone="error"
        title="任务加载失败"
        description={error.message}
        actions={[{ text: '重试', onClick: retry }]}
      />
    ) : (
      <StateView tone="loading" title="正在加载任务…" />
    );
  } else if (tasks.length === 0) {
    content = (
      <StateView
        tone="empty"
        title="暂时没有任务"
        description="工会给您分配送达任务后会显示在这里。"
        actions={[
          { text: '查看三送活动', onClick: () => void openPage(routes.outreachCampaigns), primary: false },
        ]}
      />
    );
  } else {
    content = (
      <View>
        {error ? <ErrorBanner error={error} onRetry={retry} /> : null}
        {location.kind === 'failed' ? (
          <Text className="volunteer-page__notice">未获取到您的位置，暂不显示距离。</Text>
        ) : null}
        {tasks.map(({ task, distanceM }) => (
          <VolunteerTaskRow
            key={task.id}
            task={task}
            distanceM={distanceM}
            onOpen={(id) => void openPage(taskUrl(id))}
          />
        ))}
      </View>
    );
  }

  return (
    <View className="page volunteer-page">
      <Text className="volunteer-page__greeting">{`${nickname}，感谢您参与志愿服务`}</Text>
      <Text className="volunteer-page__deliveries" onClick={() => void openPage(deliveryListUrl())}>
        我的配送记录 ›
      </Text>
      <Text className="volunteer-page__deliveries" onClick={() => void openPage(handoutScanUrl())}>
        扫码发放（清凉码）›
      </Text>
      {content}
      <PrivacyPopup visible={privacy.visible} onAgree={privacy.agree} onRefuse={privacy.refuse} />
    </View>
  );
}

/** 我的任务 (volunteers' subpackage): the sites to visit, with distance, waiting answers first. */
export default function VolunteerHomePage() {
  const { gate, account } = useRoleGate(['volunteer']);
  if (gate.kind !== 'allowed') {
    return (
      <GateFallback gate={gate} signedIn={account.signedIn} audience="志愿者" className="volunteer-page" />
    );
  }
  return <MyTasks nickname={gate.me.nickname} />;
}
