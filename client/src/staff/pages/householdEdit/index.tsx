import {
  type ConsentScope,
  consentMethodLabels,
  consentScopeLabels,
  hardshipCategoryLabels,
  hardshipCauseLabels,
  hardshipStatusLabels,
  householdEditSchema,
  memberRelationLabels,
  suggestedCategory,
} from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { ChoiceChips, choicesOf } from '../../../components/ChoiceChips';
import { DateChip } from '../../../components/DateChip';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { GateFallback } from '../../../components/GateFallback';
import { HouseholdMemberRows } from '../../../components/HouseholdMemberRows';
import { OrgChips } from '../../../components/OrgChips';
import { PerCapitaLive } from '../../../components/PerCapitaLive';
import { StaffConflictNotice } from '../../../components/StaffConflictNotice';
import { StateView } from '../../../components/StateView';
import { StationFormField, StationTextInput } from '../../../components/StationFormField';
import { useHouseholdForm } from '../../../hooks/useHouseholdForm';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { householdUrl, returnToFile } from '../../../services/hardshipRoutes';
import { newMemberRow, typedFigures } from '../../../services/householdForm';
import { openPage } from '../../../services/navigation';
import { todayInShanghai } from '../../../services/outreachDates';
import './index.scss';

const categories = choicesOf(hardshipCategoryLabels);
const statuses = choicesOf(hardshipStatusLabels);
const causes = choicesOf(hardshipCauseLabels);
const relations = choicesOf(memberRelationLabels);
const scopes = choicesOf(consentScopeLabels);
const methods = choicesOf(consentMethodLabels);

/** Whether an edit may leave the phone out (the server keeps the sealed one); the client holds it masked only. */
const phoneKeptWhenBlank = householdEditSchema.shape.phone.safeParse(undefined).success;

const toggle = <T extends string>(list: T[], value: T) =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

/**
 * 新建档案 / 编辑档案 (?id=): 户主信息, 家庭成员, 困难情况 (with the category the standards suggest),
 * 收入 (per-capita shown live) and 同意记录, which a new file cannot be sent without.
 */
export default function HouseholdEditPage() {
  const id = useRouter().params.id || undefined;
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const allowed = gate.kind === 'allowed';
  const form = useHouseholdForm(id, allowed ? gate.me.org?.path : undefined, allowed);
  const { values, errors, set } = form;
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑档案' : '新建档案' });
  }, [id]);

  if (!allowed) {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="工会干部和管理员"
        className="household-edit"
      />
    );
  }
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
  if (!values) return <StateView tone="loading" title="正在加载档案…" />;

  const editing = form.file !== null && id !== undefined;
  const figures = typedFigures(values);
  const line = form.povertyLine;
  const hint =
    figures.perCapita !== null && figures.income !== null
      ? suggestedCategory({
          perCapitaMonthlyFen: figures.perCapita,
          povertyLineFen: line?.monthlyFen,
          annualIncomeFen: figures.income,
          medicalAccidentCostsFen: figures.medical,
        })
      : null;
  // From the current values, not this render's: two quick taps (a chip, then the date) both land.
  const setConsent = (patch: Partial<typeof values.consent>) =>
    form.update(
      (current) => ({ ...current, consent: { ...current.consent, ...patch } }),
      Object.keys(patch)
        .map((key) => `consent.${key}`)
        .concat('consent'),
    );
  const existing =
    form.saveError?.code === 'HARDSHIP_FILE_EXISTS' ? form.saveError.details?.fileId : undefined;
  const today = todayInShanghai();

  const onSave = async () => {
    const saved = await form.save();
    if (!saved) return;
    void Taro.showToast({ title: editing ? '已保存' : '已建档', icon: 'success' });
    // A new file opens in place of the form; an edit goes back to the file it came from.
    if (editing) void returnToFile(saved.id);
    else void Taro.redirectTo({ url: householdUrl(saved.id) });
  };

  return (
    <View className="page page--form household-edit">
      {form.conflict ? (
        <StaffConflictNotice
          text="您打开此页后，其他人修改了这份档案。请刷新查看最新内容，再重新修改；您未保存的修改将被放弃。"
          onReload={form.reload}
        />
      ) : null}
      {form.saveError && !form.conflict ? <ErrorBanner error={form.saveError} /> : null}
      {existing ? (
        <Text className="household-edit__existing" onClick={() => void openPage(householdUrl(existing))}>
          打开已有的档案 ›
        </Text>
      ) : null}

      <Text className="household-edit__section">户主信息</Text>
      <StationFormField label="户主姓名" name="headName" required error={errors.headName}>
        <StationTextInput value={values.headName} onChange={(v) => set('headName', v)} maxlength={20} />
      </StationFormField>
      {editing && form.file ? (
        <StationFormField label="身份证号码" name="idNumber" hint="身份证号码不能修改；号码有误请重新建档。">
          <Text className="household-edit__fixed">{form.file.idNumberMasked}</Text>
        </StationFormField>
      ) : (
        <StationFormField label="身份证号码" name="idNumber" required error={errors.idNumber}>
          <StationTextInput
            value={values.idNumber}
            onChange={(v) => set('idNumber', v)}
            placeholder="18 位，末位可为 X"
            maxlength={18}
          />
        </StationFormField>
      )}
      <StationFormField
        label="联系电话"
        name="phone"
        required={!editing || !phoneKeptWhenBlank}
        error={errors.phone}
        hint={
          editing && form.file
            ? phoneKeptWhenBlank
              ? `原号码 ${form.file.phoneMasked} 不显示；不修改可留空。`
              : `为保护隐私，原号码 ${form.file.phoneMasked} 不显示；保存修改须重新填写。`
            : undefined
        }
      >
        <StationTextInput value={values.phone} onChange={(v) => set('phone', v)} placeholder="手机或座机" />
      </StationFormField>
      <StationFormField label="住址" name="address" required error={errors.address}>
        <StationTextInput value={values.address} onChange={(v) => set('address', v)} maxlength={120} />
      </StationFormField>
      <StationFormField label="所属工会（辖区）" name="orgPath" required error={errors.orgPath}>
        <OrgChips
          label="所属工会（辖区）"
          orgs={form.orgs}
          picked={values.orgPath}
          onPick={(v) => set('orgPath', v)}
        />
      </StationFormField>

      <Text className="household-edit__section">家庭成员</Text>
      <HouseholdMemberRows
        members={values.members}
        errors={errors}
        onChange={(members) => set('members', members)}
        onAdd={() => set('members', [...values.members, newMemberRow()])}
      />

      <Text className="household-edit__section">困难情况</Text>
      <StationFormField
        label="困难类别"
        name="category"
        required
        error={errors.category}
        hint={
          hint
            ? `按收入和低保标准，建议归为“${hardshipCategoryLabels[hint]}”（由您判断）`
            : line
              ? undefined
              : '本地尚未设置低保标准，无法给出建议类别'
        }
      >
        <ChoiceChips
          choices={categories}
          selected={values.category ? [values.category] : []}
          onToggle={(v) => set('category', v)}
        />
      </StationFormField>
      <StationFormField label="致困原因" name="causes" required error={errors.causes}>
        <ChoiceChips
          choices={causes}
          selected={values.causes}
          onToggle={(v) => set('causes', toggle(values.causes, v))}
        />
      </StationFormField>
      <StationFormField label="状态" name="status" required error={errors.status}>
        <ChoiceChips choices={statuses} selected={[values.status]} onToggle={(v) => set('status', v)} />
      </StationFormField>
      {values.status === 'exited' ? (
        <StationFormField label="脱困日期" name="exitDate" required error={errors.exitDate}>
          <DateChip
            value={values.exitDate}
            placeholder="选择日期"
            end={today}
            onChange={(v) => set('exitDate', v)}
          />
        </StationFormField>
      ) : null}

      <Text className="household-edit__section">收入（元/年）</Text>
      <StationFormField
        label="家庭年可支配收入"
        name="income"
        required
        error={errors['income.annualIncomeFen']}
      >
        <StationTextInput
          type="digit"
          value={values.income}
          onChange={(v) => set('income', v)}
          placeholder="例如 36000"
        />
      </StationFormField>
      <StationFormField
        label="年刚性支出"
        name="spending"
        required
        error={errors['income.annualFixedSpendingFen']}
      >
        <StationTextInput
          type="digit"
          value={values.spending}
          onChange={(v) => set('spending', v)}
          placeholder="医疗、教育等必需支出"
        />
      </StationFormField>
      <StationFormField
        label="年医疗及意外支出"
        name="medical"
        required
        error={errors['income.medicalAccidentCostsFen']}
      >
        <StationTextInput
          type="digit"
          value={values.medical}
          onChange={(v) => set('medical', v)}
          placeholder="没有填 0"
        />
      </StationFormField>
      <PerCapitaLive
        perCapitaFen={figures.perCapita}
        householdSize={values.members.length}
        lineFen={line?.monthlyFen}
      />

      <Text className="household-edit__section">同意记录</Text>
      <Text className="household-edit__note">须户主（或监护人）同意后才能建档。</Text>
      <StationFormField
        label="同意人"
        name="consentGivenBy"
        required
        error={errors['consent.givenBy'] ?? errors.consent}
      >
        <StationTextInput
          value={values.consent.givenBy}
          onChange={(v) => setConsent({ givenBy: v })}
          placeholder="签字或录音人的姓名"
          maxlength={20}
        />
      </StationFormField>
      <StationFormField label="与户主关系" name="consentRelation" error={errors['consent.relation']}>
        <ChoiceChips
          choices={relations}
          selected={[values.consent.relation]}
          onToggle={(v) => setConsent({ relation: v })}
        />
      </StationFormField>
      <StationFormField label="同意日期" name="consentDate" required error={errors['consent.date']}>
        <DateChip
          value={values.consent.date}
          placeholder="选择日期"
          end={today}
          onChange={(v) => setConsent({ date: v })}
        />
      </StationFormField>
      <StationFormField
        label="同意范围"
        name="consentScopes"
        required
        error={errors['consent.scopes']}
        hint="“建档”必选"
      >
        <ChoiceChips
          choices={scopes}
          selected={values.consent.scopes}
          onToggle={(v: ConsentScope) =>
            v === 'filing' ? undefined : setConsent({ scopes: toggle(values.consent.scopes, v) })
          }
        />
      </StationFormField>
      <StationFormField label="方式" name="consentMethod" required error={errors['consent.method']}>
        <ChoiceChips
          choices={methods}
          selected={values.consent.method ? [values.consent.method] : []}
          onToggle={(v) => setConsent({ method: v })}
        />
      </StationFormField>

      <Text className="household-edit__section">其他</Text>
      <StationFormField label="备注" name="notes" error={errors.notes}>
        <StationTextInput multiline value={values.notes} onChange={(v) => set('notes', v)} maxlength={500} />
      </StationFormField>
      {errors.caseworkerUserId ? (
        <Text className="household-edit__error">{errors.caseworkerUserId}</Text>
      ) : null}

      <View className="household-edit__bar">
        <Button
          className="household-edit__save"
          type="primary"
          size="large"
          block
          loading={form.saving}
          disabled={form.conflict}
          onClick={() => void onSave()}
        >
          {editing ? '保存修改' : '建档'}
        </Button>
      </View>
    </View>
  );
}
