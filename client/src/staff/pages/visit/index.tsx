import {
  type AlertRef,
  housingProblemLabels,
  type VisitIncidentKind,
  visitIncidentKindLabels,
  visitModeLabels,
  visitRiskLabels,
} from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ChoiceChips, choicesOf } from '../../../components/ChoiceChips';
import { DateChip } from '../../../components/DateChip';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { GateFallback } from '../../../components/GateFallback';
import { PerCapitaLive } from '../../../components/PerCapitaLive';
import { StateView } from '../../../components/StateView';
import { StationFormField, StationTextInput } from '../../../components/StationFormField';
import { VisitAlertsRaised } from '../../../components/VisitAlertsRaised';
import { VisitEarnerRows } from '../../../components/VisitEarnerRows';
import { VisitSpendingRows } from '../../../components/VisitSpendingRows';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { useVisitForm } from '../../../hooks/useVisitForm';
import { alertUrl } from '../../../services/alertRoutes';
import { correctsText, dayText } from '../../../services/hardshipFormat';
import { returnToFile } from '../../../services/hardshipRoutes';
import { addDays, todayInShanghai } from '../../../services/outreachDates';
import { newEarnerRow, newSpendingRow, typedPerCapita } from '../../../services/visitForm';
import './index.scss';

const modes = choicesOf(visitModeLabels);
const risks = choicesOf(visitRiskLabels);
const housing = choicesOf(housingProblemLabels);
const incidents = choicesOf(visitIncidentKindLabels);

/** A send that never reached the server (or found it down): the draft on the phone is what is left. */
const unsent = (status: number) => status === 0 || status >= 500;

/**
 * 录入走访 (?fileId=, &corrects= for a correction): made for a phone in someone's home — large boxes,
 * date pickers, chips. The per-capita figure is shown as typed and never sent. The form is kept on
 * the phone until the server has it; a failed send keeps it for 重新发送 under the same id.
 */
export default function VisitPage() {
  const params = useRouter().params;
  const fileId = params.fileId ?? '';
  const corrects = params.corrects || undefined;
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const allowed = gate.kind === 'allowed';
  const form = useVisitForm(fileId, corrects, allowed ? gate.me.id : null);
  const { values, errors, set } = form;
  const [raised, setRaised] = useState<AlertRef[] | null>(null);
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: corrects ? '更正走访' : '录入走访' });
  }, [corrects]);

  if (!allowed) {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="工会干部和管理员"
        className="visit-form"
      />
    );
  }
  if (!fileId) return <StateView tone="error" title="缺少档案编号" description="请从档案详情页录入走访。" />;
  if (form.loadError && !values) {
    return (
      <StateView
        tone="error"
        title="档案加载失败"
        description={form.loadError.message}
        actions={[{ text: '重试', onClick: form.retryLoad }]}
      />
    );
  }
  if (!values || !form.file) return <StateView tone="loading" title="正在加载档案…" />;

  const file = form.file;
  if (raised) {
    return (
      <View className="page page--form visit-form">
        <VisitAlertsRaised
          alerts={raised}
          onOpen={(alert) => void Taro.redirectTo({ url: alertUrl(alert.id) })}
          onBack={() => void returnToFile(fileId)}
        />
      </View>
    );
  }
  const today = todayInShanghai();
  const perCapita = typedPerCapita(values);
  const size = Number(values.householdSize) || 0;
  const onSend = async () => {
    const stored = await form.submit();
    if (!stored) return;
    // A visit that raised alerts stays to say so, with the way to each; else straight back.
    if (stored.alerts && stored.alerts.length > 0) {
      setRaised(stored.alerts);
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 });
      return;
    }
    void Taro.showToast({ title: '走访已保存', icon: 'success' });
    void returnToFile(fileId);
  };
  const failed = form.sendError;

  return (
    <View className="page page--form visit-form">
      <View className="visit-form__file">
        <Text className="visit-form__name">{file.headName}</Text>
        <Text className="visit-form__meta">
          {file.district} · {file.idNumberMasked}
        </Text>
        {form.corrected ? (
          <Text className="visit-form__corrects">
            {correctsText(form.corrected.visitedOn)}：原记录保留，以本次为准
          </Text>
        ) : corrects ? (
          <Text className="visit-form__corrects">更正一条较早的走访记录</Text>
        ) : null}
      </View>
      {form.restored ? (
        <View className="visit-form__restored">
          <Text>已恢复上次未发送的走访记录。</Text>
          <Text className="visit-form__discard" onClick={form.discard}>
            放弃草稿
          </Text>
        </View>
      ) : null}
      {failed ? (
        unsent(failed.status) ? (
          <View className="visit-form__unsent">
            <Text className="visit-form__unsent-title">未发送：{failed.message}</Text>
            <Text className="visit-form__unsent-text">
              走访记录已保存在手机上，关闭页面也不会丢失。网络恢复后点“重新发送”，不会重复保存。
            </Text>
          </View>
        ) : (
          <ErrorBanner error={failed} />
        )
      ) : null}

      <Text className="visit-form__section">走访</Text>
      <StationFormField label="走访日期" name="visitedOn" required error={errors.visitedOn}>
        <DateChip
          value={values.visitedOn}
          placeholder="选择日期"
          start="2000-01-01"
          end={today}
          onChange={(v) => set('visitedOn', v)}
        />
      </StationFormField>
      <StationFormField label="方式" name="mode" required error={errors.mode}>
        <ChoiceChips choices={modes} selected={[values.mode]} onToggle={(v) => set('mode', v)} />
      </StationFormField>

      <Text className="visit-form__section">收入（元/年）</Text>
      <StationFormField label="家庭年可支配收入" name="income" required error={errors.annualIncomeFen}>
        <StationTextInput
          type="digit"
          value={values.income}
          onChange={(v) => set('income', v, ['annualIncomeFen'])}
          placeholder="例如 36000"
        />
      </StationFormField>
      <StationFormField label="年刚性支出" name="spending" required error={errors.annualFixedSpendingFen}>
        <StationTextInput
          type="digit"
          value={values.spending}
          onChange={(v) => set('spending', v, ['annualFixedSpendingFen'])}
          placeholder="医疗、教育等必需支出"
        />
      </StationFormField>
      <StationFormField label="家庭人数" name="householdSize" required error={errors.householdSize}>
        <StationTextInput
          type="number"
          value={values.householdSize}
          onChange={(v) => set('householdSize', v)}
          maxlength={2}
        />
      </StationFormField>
      <PerCapitaLive perCapitaFen={perCapita} householdSize={size} lineFen={file.povertyLine?.monthlyFen} />

      <Text className="visit-form__section">主要劳动力就业情况</Text>
      <VisitEarnerRows
        earners={values.earners}
        onChange={(earners) => set('earners', earners)}
        onAdd={() => set('earners', [...values.earners, newEarnerRow()])}
      />

      <Text className="visit-form__section">新发重大疾病或意外</Text>
      <StationFormField label="是否发生" name="incident" error={errors.illnessOrAccident}>
        <ChoiceChips
          choices={[
            { value: 'no', label: '没有' },
            { value: 'yes', label: '有' },
          ]}
          selected={[values.incident.on ? 'yes' : 'no']}
          onToggle={(v) => set('incident', { ...values.incident, on: v === 'yes' }, ['illnessOrAccident'])}
        />
      </StationFormField>
      {values.incident.on ? (
        <>
          <StationFormField label="类别" name="incidentKind">
            <ChoiceChips
              choices={incidents}
              selected={[values.incident.kind]}
              onToggle={(kind: VisitIncidentKind) =>
                set('incident', { ...values.incident, kind }, ['illnessOrAccident'])
              }
            />
          </StationFormField>
          <StationFormField
            label="情况说明"
            name="incidentDescription"
            required
            error={errors['illnessOrAccident.description']}
          >
            <StationTextInput
              value={values.incident.description}
              onChange={(description) =>
                set('incident', { ...values.incident, description }, ['illnessOrAccident'])
              }
              maxlength={100}
            />
          </StationFormField>
          <StationFormField
            label="预计费用（元）"
            name="incidentCost"
            required
            error={errors['illnessOrAccident.expectedCostFen']}
          >
            <StationTextInput
              type="digit"
              value={values.incident.cost}
              onChange={(cost) => set('incident', { ...values.incident, cost }, ['illnessOrAccident'])}
            />
          </StationFormField>
        </>
      ) : null}

      <Text className="visit-form__section">大额必要支出</Text>
      <VisitSpendingRows
        spendings={values.spendings}
        errors={errors}
        onChange={(spendings) => set('spendings', spendings, ['largeSpending'])}
        onAdd={() => set('spendings', [...values.spendings, newSpendingRow()], ['largeSpending'])}
      />

      <Text className="visit-form__section">住房</Text>
      <StationFormField label="住房问题" name="housing" error={errors.housing}>
        <ChoiceChips
          choices={housing}
          selected={values.housing}
          onToggle={(v) =>
            set(
              'housing',
              values.housing.includes(v) ? values.housing.filter((h) => h !== v) : [...values.housing, v],
            )
          }
        />
      </StationFormField>
      {values.housing.length > 0 ? (
        <StationFormField label="住房情况说明" name="housingNote" error={errors.housingNote}>
          <StationTextInput
            value={values.housingNote}
            onChange={(v) => set('housingNote', v)}
            maxlength={100}
          />
        </StationFormField>
      ) : null}

      <Text className="visit-form__section">判断与安排</Text>
      <StationFormField label="返困风险（走访人判断）" name="risk" required error={errors.risk}>
        <ChoiceChips
          choices={risks}
          selected={values.risk ? [values.risk] : []}
          onToggle={(v) => set('risk', v)}
        />
      </StationFormField>
      <StationFormField label="走访记录" name="notes" error={errors.notes}>
        <StationTextInput
          multiline
          value={values.notes}
          onChange={(v) => set('notes', v)}
          placeholder="家庭近况、诉求、已做的帮扶"
          maxlength={500}
        />
      </StationFormField>
      <StationFormField
        label="下次走访"
        name="nextVisitDue"
        required
        error={errors.nextVisitDue}
        hint={values.nextPicked ? undefined : '按风险自动设置：高、中风险 30 天后，低风险 90 天后；可改'}
      >
        <DateChip
          value={values.nextVisitDue}
          placeholder="选择风险后自动设置"
          start={values.visitedOn ? addDays(values.visitedOn, 1) : undefined}
          end={values.visitedOn ? addDays(values.visitedOn, 366) : undefined}
          onChange={(v) =>
            form.update((current) => ({ ...current, nextVisitDue: v, nextPicked: true }), ['nextVisitDue'])
          }
        />
        {values.nextVisitDue ? <Text className="visit-form__due">{dayText(values.nextVisitDue)}</Text> : null}
      </StationFormField>

      <View className="visit-form__bar">
        <Button
          className="visit-form__send"
          type="primary"
          size="large"
          block
          loading={form.sending}
          onClick={() => void onSend()}
        >
          {failed && unsent(failed.status) ? '重新发送' : corrects ? '保存更正' : '保存走访'}
        </Button>
      </View>
    </View>
  );
}
