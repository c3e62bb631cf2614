import { type WorkerGroup, workerGroupLabels } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { ChoiceChips, choicesOf } from '../../../components/ChoiceChips';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { GateFallback } from '../../../components/GateFallback';
import { OrgChips } from '../../../components/OrgChips';
import { StaffCampaignDateRange } from '../../../components/StaffCampaignDateRange';
import { StaffCampaignKindEditor } from '../../../components/StaffCampaignKindEditor';
import { StaffConflictNotice } from '../../../components/StaffConflictNotice';
import { StaffCoolingAllowanceField } from '../../../components/StaffCoolingAllowanceField';
import { StateView } from '../../../components/StateView';
import { StationFormField, StationTextInput } from '../../../components/StationFormField';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { useStaffCampaignForm } from '../../../hooks/useStaffCampaignForm';
import { type CampaignFormValues, newKindRow } from '../../../services/staffCampaignForm';
import { campaignEditorUrl } from '../../../services/staffOutreachRoutes';
import './index.scss';

const groupChoices = choicesOf(workerGroupLabels);

/**
 * 新建活动 / 编辑活动 / 复制往年活动: title, dates, audience and the kinds with their item catalog,
 * checked with the API's schema before anything is sent, saved with its version.
 */
export default function StaffCampaignEditPage() {
  const params = useRouter().params;
  const id = params.id || undefined;
  const copyFrom = params.copyFrom || undefined;
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const allowed = gate.kind === 'allowed';
  const scope = gate.kind === 'allowed' ? gate.me.org?.path : undefined;
  const form = useStaffCampaignForm({ id, copyFrom }, scope, allowed);
  const { values, errors } = form;
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑活动' : copyFrom ? '复制往年活动' : '新建活动' });
  }, [id, copyFrom]);

  if (!allowed) {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="工会干部和管理员"
        className="campaign-edit"
      />
    );
  }
  if (form.loadError && !values) {
    return (
      <StateView
        tone="error"
        title="活动资料加载失败"
        description={form.loadError.message}
        actions={[{ text: '重试', onClick: form.retryLoad }]}
      />
    );
  }
  if (!values) return <StateView tone="loading" title="正在加载活动资料…" />;

  const set = (next: Partial<CampaignFormValues>, clear: string[]) =>
    form.update({ ...values, ...next }, clear);
  const archived = form.campaign?.status === 'archived';
  const onSave = async () => {
    const creating = !form.campaign;
    const saved = await form.save();
    if (!saved) return;
    void Taro.showToast({ title: '已保存', icon: 'success' });
    // A new campaign continues as an edit of itself, so a second save updates it.
    if (creating) void Taro.redirectTo({ url: campaignEditorUrl({ id: saved.id }) });
  };
  const formProblem =
    errors.form ?? (Object.keys(errors).length > 0 ? '有内容需要修改，请查看标红的项目' : '');

  return (
    <View className="page page--form campaign-edit">
      {form.conflict ? (
        <StaffConflictNotice
          text="您打开此页后，其他人保存了这个活动。请刷新查看最新内容，再重新修改；您未保存的修改将被放弃。"
          onReload={form.reload}
        />
      ) : null}
      {form.saveError && !form.conflict ? <ErrorBanner error={form.saveError} /> : null}
      {form.campaign ? (
        <View className="campaign-edit__saved">
          <Text>
            {form.campaign.title} · 第 {form.campaign.version} 版
          </Text>
        </View>
      ) : null}
      {form.copiedFrom ? (
        <View className="campaign-edit__saved campaign-edit__copied">
          <Text>复制自“{form.copiedFrom.title}”，日期已顺延到今年，请核对后保存（保存为草稿）。</Text>
        </View>
      ) : null}
      {archived ? (
        <View className="campaign-edit__archived">
          <Text>此活动已归档，只能查阅，不能修改。</Text>
        </View>
      ) : null}

      <Text className="campaign-edit__section">基本信息</Text>
      <StationFormField label="活动名称" name="title" required error={errors.title}>
        <StationTextInput
          value={values.title}
          onChange={(v) => set({ title: v }, ['title'])}
          placeholder="例如 2026年张家港市夏季送清凉活动"
          maxlength={40}
        />
      </StationFormField>
      {form.orgs.length > 1 ? (
        <StationFormField label="发起工会" name="orgPath" required error={errors.orgPath}>
          <OrgChips
            label="发起工会"
            orgs={form.orgs}
            picked={values.orgPath}
            onPick={(v) => set({ orgPath: v }, ['orgPath'])}
          />
        </StationFormField>
      ) : null}
      <StaffCampaignDateRange
        label="活动日期"
        name="season"
        value={values.season}
        errors={errors}
        hint="送清凉等服务开展的日期范围"
        onChange={(season, end) => set({ season }, [`season.${end}`, 'season.to', 'signup.to'])}
      />
      <StaffCampaignDateRange
        label="报名时间"
        name="signup"
        value={values.signup}
        errors={errors}
        hint="工地和志愿者可以报名的日期，截止日期不能晚于活动结束日期"
        onChange={(signup, end) => set({ signup }, [`signup.${end}`, 'signup.to'])}
      />
      <StationFormField label="服务对象" name="targetGroups" required error={errors.targetGroups}>
        <ChoiceChips
          choices={groupChoices}
          selected={values.targetGroups}
          onToggle={(group: WorkerGroup) =>
            set(
              {
                targetGroups: values.targetGroups.includes(group)
                  ? values.targetGroups.filter((g) => g !== group)
                  : [...values.targetGroups, group],
              },
              ['targetGroups'],
            )
          }
        />
      </StationFormField>

      <Text className="campaign-edit__section">“送”的类别和物资目录</Text>
      <Text className="campaign-edit__hint">
        编码用于报名和统计中对应物资，可不填写（自动生成）；开始报名后请不要修改编码。单价可不填，填写后用于统计费用。
      </Text>
      {values.kinds.map((kind, i) => (
        <StaffCampaignKindEditor
          key={kind.key}
          kind={kind}
          index={i}
          errors={errors}
          onChange={(next, clear) =>
            set({ kinds: values.kinds.map((k, j) => (j === i ? next : k)) }, [...clear, 'kinds'])
          }
          onRemove={
            values.kinds.length > 1
              ? () => set({ kinds: values.kinds.filter((_, j) => j !== i) }, ['kinds', 'kinds.'])
              : undefined
          }
        />
      ))}
      {errors.kinds ? <Text className="campaign-edit__error">{errors.kinds}</Text> : null}
      {values.kinds.length < 6 ? (
        <View className="campaign-edit__add-kind">
          <Button
            type="primary"
            fill="outline"
            size="large"
            block
            onClick={() => set({ kinds: [...values.kinds, newKindRow(values.kinds)] }, ['kinds'])}
          >
            添加类别（如 送法律、送技能）
          </Button>
        </View>
      ) : null}

      <Text className="campaign-edit__section">清凉码</Text>
      <StaffCoolingAllowanceField
        kinds={values.kinds}
        value={values.cooling}
        errors={errors}
        onChange={(cooling) => set({ cooling }, ['cooling'])}
      />

      <View className="campaign-edit__bar">
        {formProblem ? <Text className="campaign-edit__problem">{formProblem}</Text> : null}
        <Button
          className="campaign-edit__save"
          type="primary"
          size="large"
          block
          loading={form.saving}
          disabled={form.conflict || archived}
          onClick={() => void onSave()}
        >
          {form.campaign ? '保存修改' : '创建活动（草稿）'}
        </Button>
      </View>
    </View>
  );
}
