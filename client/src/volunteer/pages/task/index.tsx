import { assignmentStatusLabels, type Campaign, halfDayLabels } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { GateFallback } from '../../../components/GateFallback';
import { OutreachConsentCard } from '../../../components/OutreachConsentCard';
import { ReasonDialog } from '../../../components/ReasonDialog';
import { StateView } from '../../../components/StateView';
import { StationActions } from '../../../components/StationActions';
import { VolunteerAddressActions } from '../../../components/VolunteerAddressActions';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { useSubscribeConsent } from '../../../hooks/useSubscribeConsent';
import { useVolunteerTask } from '../../../hooks/useVolunteerTask';
import { deliveryFormUrl, deliveryListUrl } from '../../../services/deliveryRoutes';
import { handoutScanUrl } from '../../../services/handoutRoutes';
import { goBackOr, openPage } from '../../../services/navigation';
import { checkTaskDeclineReason, consentTopics, type Task } from '../../../services/outreach';
import { dateLabel } from '../../../services/outreachDates';
import { routes } from '../../../services/routes';
import './index.scss';

/** What the site asked for, by name from the campaign's catalog (the codes when it could not be read). */
function requestedLines(task: Task, campaign: Campaign | null) {
  return task.site.requested.map((entry) => {
    const kind = campaign?.kinds.find((k) => k.code === entry.kind);
    const items = entry.items.map((code) => {
      const item = kind?.items.find((i) => i.code === code);
      return item ? item.name : code;
    });
    return {
      kind: entry.kind,
      name: kind?.name ?? entry.kind,
      items: items.length > 0 ? items.join('、') : '由工会安排',
    };
  });
}

/** The address with its county in front when the contact left it out, so a map search finds it. */
function searchableAddress(site: Task['site']): string {
  const county = site.orgName.split(' › ')[0] ?? '';
  return site.address.includes(county) ? site.address : `${county}${site.address}`;
}

/** 任务详情: the site, how to get there, and 接受 / 婉拒 while the task waits for an answer. */
export default function VolunteerTaskPage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : undefined;
  const { gate, account } = useRoleGate(['volunteer']);
  const allowed = gate.kind === 'allowed';
  const view = useVolunteerTask(id, allowed);
  const [declining, setDeclining] = useState(false);
  const [accepted, setAccepted] = useState(false);
  const consent = useSubscribeConsent(consentTopics.taskAccepted, accepted);
  const { task, campaign } = view;

  if (!allowed) {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="志愿者"
        className="volunteer-task-page"
      />
    );
  }
  if (!task) {
    const missing = view.error?.code === 'ASSIGNMENT_NOT_FOUND';
    return (
      <View className="page volunteer-task-page">
        {view.error ? (
          <StateView
            tone="error"
            title={missing ? '未找到该任务' : '任务加载失败'}
            description={missing ? '任务可能已取消或改派给其他志愿者。' : view.error.message}
            actions={[
              ...(missing ? [] : [{ text: '重试', onClick: view.retry }]),
              { text: '返回我的任务', onClick: () => void goBackOr(routes.me), primary: false },
            ]}
          />
        ) : (
          <StateView tone="loading" title="正在加载任务…" />
        )}
      </View>
    );
  }

  const { site } = task;
  const accept = async () => {
    if (await view.respond({ decision: 'accept' })) setAccepted(true);
  };
  const decline = async (reason: string) => {
    if (await view.respond({ decision: 'decline', reason })) setDeclining(false);
  };

  return (
    <View className="page volunteer-task-page">
      {view.notice ? <Text className="volunteer-task-page__notice">{view.notice}</Text> : null}
      <View className="volunteer-task-page__card">
        <Text className="volunteer-task-page__when">{`${dateLabel(task.date)} ${halfDayLabels[task.slot]}`}</Text>
        <Text className="volunteer-task-page__name">{site.siteName}</Text>
        <Text className={`volunteer-task-page__status volunteer-task-page__status--${task.status}`}>
          {assignmentStatusLabels[task.status]}
        </Text>
        <Text className="volunteer-task-page__line">{`${site.orgName} · ${site.address}`}</Text>
        <Text className="volunteer-task-page__muted">{task.campaignTitle}</Text>
        {task.status === 'declined' && task.reason ? (
          <Text className="volunteer-task-page__muted">{`婉拒原因：${task.reason}`}</Text>
        ) : null}
        {task.status === 'cancelled' && task.reason ? (
          <Text className="volunteer-task-page__muted">{`取消原因：${task.reason}`}</Text>
        ) : null}
        {site.location ? (
          <StationActions
            station={{
              name: site.siteName,
              address: site.address,
              location: site.location,
              phone: undefined,
            }}
          />
        ) : (
          <VolunteerAddressActions address={searchableAddress(site)} />
        )}
      </View>

      {task.status === 'assigned' ? (
        <View className="volunteer-task-page__card volunteer-task-page__answers">
          <Text className="volunteer-task-page__title">能去吗？</Text>
          <Button
            className="volunteer-task-page__accept"
            type="primary"
            size="large"
            block
            loading={view.responding === 'accept'}
            onClick={() => void accept()}
          >
            接受
          </Button>
          <Button
            className="volunteer-task-page__decline"
            type="danger"
            fill="outline"
            size="large"
            block
            onClick={() => setDeclining(true)}
          >
            婉拒
          </Button>
        </View>
      ) : null}
      {task.status === 'accepted' || task.status === 'assigned' ? (
        <View className="volunteer-task-page__card volunteer-task-page__record">
          <Button
            type="primary"
            size="large"
            block
            onClick={() => void openPage(deliveryFormUrl({ campaignId: task.campaignId, taskId: task.id }))}
          >
            记录配送
          </Button>
          <Text
            className="volunteer-task-page__link"
            onClick={() => void openPage(deliveryListUrl(task.campaignId))}
          >
            我的配送记录
          </Text>
          <Text
            className="volunteer-task-page__link"
            onClick={() => void openPage(handoutScanUrl({ campaignId: task.campaignId, taskId: task.id }))}
          >
            扫码发放（清凉码）
          </Text>
        </View>
      ) : null}
      {accepted && consent.available ? (
        <OutreachConsentCard
          title="任务前一天提醒我"
          description="同意后，出发前一天会通过微信服务通知提醒您时间和地点；有新任务时也会通知您。"
          state={consent.state}
          onAsk={() => void consent.ask()}
          onRetry={() => void consent.retry()}
        />
      ) : null}

      <View className="volunteer-task-page__card">
        <Text className="volunteer-task-page__title">工地情况</Text>
        <Text className="volunteer-task-page__line">{`户外作业 ${site.outdoorWorkers} 人`}</Text>
        {requestedLines(task, campaign).map((line) => (
          <View key={line.kind} className="volunteer-task-page__kind">
            <Text className="volunteer-task-page__kind-name">{line.name}</Text>
            <Text className="volunteer-task-page__line">{line.items}</Text>
          </View>
        ))}
        <Text className="volunteer-task-page__line">{`联系人：${site.contactName} ${site.contactPhoneMasked}`}</Text>
        <Text className="volunteer-task-page__muted">
          电话号码已隐藏；到达前如需联系，请通过工会联系工地。
        </Text>
      </View>

      <ReasonDialog
        // A task that changed meanwhile (reloaded after a conflict) has nothing left to decline.
        visible={declining && task.status === 'assigned'}
        title={`婉拒任务 · ${site.siteName}`}
        label="婉拒原因"
        placeholder="例如 当天临时有事"
        confirmText="确认婉拒"
        check={checkTaskDeclineReason}
        busy={view.responding === 'decline'}
        onConfirm={(reason) => void decline(reason)}
        onCancel={() => setDeclining(false)}
      />
    </View>
  );
}
