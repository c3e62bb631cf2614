import { type HardshipAlert, hardshipAlertStatusLabels, type NotificationTopic } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { AlertAssignForm } from '../../../components/AlertAssignForm';
import { AlertBadges } from '../../../components/AlertBadges';
import { AlertComments } from '../../../components/AlertComments';
import { AlertEvidence } from '../../../components/AlertEvidence';
import { AlertOutcomeForm } from '../../../components/AlertOutcomeForm';
import {
  EscalationSection,
  HistorySection,
  HouseholdSection,
  VisitSection,
} from '../../../components/AlertSections';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { GateFallback } from '../../../components/GateFallback';
import { OutreachConsentCard } from '../../../components/OutreachConsentCard';
import { StaffConflictNotice } from '../../../components/StaffConflictNotice';
import { StateView } from '../../../components/StateView';
import { useAlert, useAlertAssignees } from '../../../hooks/useAlert';
import { useAlertActions, useAlertComment } from '../../../hooks/useAlertActions';
import { usePullRefresh } from '../../../hooks/usePullRefresh';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { useSubscribeConsent } from '../../../hooks/useSubscribeConsent';
import { outcomeText } from '../../../services/hardshipAlertFormat';
import { momentText } from '../../../services/hardshipFormat';
import { todayInShanghai } from '../../../services/outreachDates';
import './index.scss';

/** Messages about the alerts one takes on: when one is handed over, and a day before it falls due. */
const alertTopics: readonly NotificationTopic[] = ['alertAssigned', 'alertDue'];

type Form = 'resolve' | 'assign' | null;

const conflictText = '您打开此页后，其他人处理了这条预警（确认、转派或办结）。请刷新查看最新状态后再操作。';

/**
 * 预警详情 (?id=): the rule and its evidence in plain sentences, the household masked (with a link
 * to its file), its latest visits, the escalations (who did not act in time), the history and the
 * comments; and the actions its state allows: 确认 → 开始处理 → 办结, 转派 with a reason.
 */
export default function AlertPage() {
  const id = useRouter().params.id || undefined;
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const allowed = gate.kind === 'allowed';
  const view = useAlert(id, allowed);
  const { alert } = view;
  const actions = useAlertActions(alert, view.replace);
  const comment = useAlertComment(alert?.id, view.replace);
  const [form, setForm] = useState<Form>(null);
  const assignees = useAlertAssignees(id, form === 'assign');
  // Asked right after taking an alert on (确认 / 开始处理), as a volunteer is after accepting a task.
  const [tookOn, setTookOn] = useState(false);
  const consent = useSubscribeConsent(alertTopics, tookOn);
  usePullRefresh(async () => {
    actions.clear();
    view.reload();
  });

  if (!allowed) {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="工会干部和管理员"
        className="alert-page"
      />
    );
  }
  if (!id) return <StateView tone="error" title="缺少预警编号" description="请从预警列表打开。" />;
  if (!alert) {
    if (view.error) {
      const missing = view.error.code === 'ALERT_NOT_FOUND';
      return (
        <StateView
          tone="error"
          title={missing ? '未找到该预警' : '预警加载失败'}
          description={view.error.message}
          actions={missing ? [] : [{ text: '重试', onClick: view.reload }]}
        />
      );
    }
    return <StateView tone="loading" title="正在加载预警…" />;
  }

  const today = todayInShanghai();
  const takeOn = async (kind: 'acknowledge' | 'start') => {
    if (await actions.act({ kind })) setTookOn(true);
  };
  const refresh = () => {
    actions.clear();
    setForm(null);
    view.reload();
  };
  const closeForm = () => {
    actions.clear();
    setForm(null);
  };

  return (
    <View className="page alert-page">
      <View className="alert-page__card alert-page__header">
        <Text className="alert-page__rule">{alert.ruleLabel}</Text>
        <AlertBadges alert={alert} today={today} />
        <Text className="alert-page__line">处理人 {alert.assigneeName}</Text>
        <Text className="alert-page__quiet">
          {momentText(alert.raisedAt)} 触发 · {alert.orgName}
        </Text>
      </View>

      {/* A failed reload keeps what was shown, and says so. */}
      {view.error ? <ErrorBanner error={view.error} onRetry={view.reload} /> : null}
      {actions.conflict ? <StaffConflictNotice text={conflictText} onReload={refresh} /> : null}
      {actions.error ? <ErrorBanner error={actions.error} /> : null}
      {tookOn && consent.available ? (
        <OutreachConsentCard
          title="预警通知"
          description="同意后，有预警分派给您、或您处理的预警即将到期时，会通过微信服务通知提醒您。"
          state={consent.state}
          onAsk={() => void consent.ask()}
          onRetry={() => void consent.retry()}
        />
      ) : null}

      <AlertActionBar alert={alert} busy={actions.busy} form={form} onForm={setForm} onTakeOn={takeOn} />
      {form === 'resolve' ? (
        <AlertOutcomeForm
          busy={actions.busy === 'resolve'}
          onCancel={closeForm}
          onSubmit={async (outcome) => {
            if (await actions.act({ kind: 'resolve', outcome })) setForm(null);
          }}
        />
      ) : null}
      {form === 'assign' ? (
        <AlertAssignForm
          currentUserId={alert.assigneeUserId}
          assignees={assignees.data}
          loading={assignees.loading}
          error={assignees.error}
          onRetry={assignees.retry}
          busy={actions.busy === 'assign'}
          onCancel={closeForm}
          onSubmit={async (assigneeUserId, reason) => {
            if (await actions.act({ kind: 'assign', assigneeUserId, reason })) setForm(null);
          }}
        />
      ) : null}
      {alert.outcome ? (
        <View className="alert-page__card alert-page__outcome">
          <Text className="alert-page__section">办结情况</Text>
          <Text className="alert-page__line">{outcomeText(alert.outcome)}</Text>
          {alert.outcome.kind !== 'noHelp' && alert.outcome.note ? (
            <Text className="alert-page__quiet">说明：{alert.outcome.note}</Text>
          ) : null}
          {alert.resolvedAt ? (
            <Text className="alert-page__quiet">
              {alert.resolvedByName ?? ''} 于 {momentText(alert.resolvedAt)} 办结
            </Text>
          ) : null}
        </View>
      ) : null}

      <View className="alert-page__card alert-page__evidence">
        <Text className="alert-page__section">预警依据</Text>
        <AlertEvidence alert={alert} />
        <Text className="alert-page__quiet">
          依据更新于 {momentText(alert.evidenceUpdatedAt)} · 规则版本 {alert.policy.version}
          {alert.policy.orgPath ? '' : '（系统默认）'}
        </Text>
      </View>

      <HouseholdSection alert={alert} />
      <VisitSection visits={view.visits} />
      <EscalationSection alert={alert} />
      <HistorySection alert={alert} />
      <AlertComments alert={alert} comment={comment} />
    </View>
  );
}

interface ActionBarProps {
  alert: HardshipAlert;
  busy: string | null;
  form: Form;
  onForm: (form: Form) => void;
  onTakeOn: (kind: 'acknowledge' | 'start') => void;
}

/**
 * The buttons the alert's state allows (resolve only after 确认; 转派 until it is closed). While an
 * action is in flight none of them can be tapped: the next one would act on the state before it.
 */
function AlertActionBar({ alert, busy, form, onForm, onTakeOn }: ActionBarProps) {
  if (alert.status === 'resolved' || form) return null;
  const locked = busy !== null;
  return (
    <View className="alert-page__card alert-page__actions">
      <Text className="alert-page__quiet">当前状态：{hardshipAlertStatusLabels[alert.status]}</Text>
      <View className="alert-page__buttons">
        {alert.status === 'open' ? (
          <Button
            className="alert-page__acknowledge"
            type="primary"
            size="large"
            disabled={locked}
            loading={busy === 'acknowledge'}
            onClick={() => onTakeOn('acknowledge')}
          >
            确认
          </Button>
        ) : null}
        {alert.status === 'acknowledged' ? (
          <Button
            className="alert-page__start"
            type="primary"
            size="large"
            disabled={locked}
            loading={busy === 'start'}
            onClick={() => onTakeOn('start')}
          >
            开始处理
          </Button>
        ) : null}
        {alert.status === 'acknowledged' || alert.status === 'inProgress' ? (
          <Button
            className="alert-page__resolve"
            type="primary"
            fill={alert.status === 'inProgress' ? 'solid' : 'outline'}
            size="large"
            disabled={locked}
            onClick={() => onForm('resolve')}
          >
            办结
          </Button>
        ) : null}
        <Button
          className="alert-page__assign"
          type="primary"
          fill="outline"
          size="large"
          disabled={locked}
          onClick={() => onForm('assign')}
        >
          转派
        </Button>
      </View>
    </View>
  );
}
