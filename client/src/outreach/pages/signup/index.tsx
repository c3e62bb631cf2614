import { signupStatusLabels, workerGroupLabels } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useMemo } from 'react';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { DistrictPicker } from '../../../components/DistrictPicker';
import { PrivacyPopup } from '../../../components/PrivacyPopup';
import { SignupDateChips } from '../../../components/SignupDateChips';
import {
  SignupFallback,
  SignupFormFooter,
  SignupFormHead,
  SignupFormSection,
} from '../../../components/SignupForm';
import { SignupKindPicker } from '../../../components/SignupKindPicker';
import { SignupLocationField } from '../../../components/SignupLocationField';
import { SignupPhoneField } from '../../../components/SignupPhoneField';
import { SignupReturningOffer } from '../../../components/SignupReturningOffer';
import { StateView } from '../../../components/StateView';
import { StationFormField, StationTextInput } from '../../../components/StationFormField';
import { useAccount } from '../../../hooks/useAccount';
import { usePrivacyRequest } from '../../../hooks/usePrivacyRequest';
import { useWorksiteSignup } from '../../../hooks/useWorksiteSignup';
import { platform } from '../../../platform';
import { openPage } from '../../../services/navigation';
import { campaignIdOf } from '../../../services/outreach';
import { monthDayWithYear, todayInShanghai, upcomingDates } from '../../../services/outreachDates';
import { routes } from '../../../services/routes';
import { toggle } from '../../../services/signupForm';
import './index.scss';

const maxDates = 14;

/** 工地报名: a worksite asks for the campaign's deliveries; kept on the phone until it is stored. */
export default function WorksiteSignupPage() {
  const { params } = useRouter();
  const campaignId = campaignIdOf(params.campaign ?? params.scene);
  const account = useAccount();
  const userId = account.me?.id ?? null;
  const form = useWorksiteSignup(campaignId, userId);
  const privacy = usePrivacyRequest();
  const { campaign, values, errors, set } = form;
  const dates = useMemo(
    () => (campaign ? upcomingDates(campaign.season, todayInShanghai()) : []),
    [campaign],
  );

  if (!campaignId || !account.signedIn || !campaign || !values) {
    return (
      <SignupFallback
        campaignId={campaignId}
        account={account}
        signInDescription="登录后即可为工地报名接受夏季安康“三送”。"
        loadError={form.loadError}
        onRetry={form.retryLoad}
        className="signup-page"
      />
    );
  }

  if (form.done) {
    return (
      <View className="page signup-page">
        <StateView
          tone="info"
          mark="✓"
          title={`报名已提交，${signupStatusLabels[form.done.status]}`}
          description={`${form.done.siteName}（${form.done.orgName}）的报名已收到，工会审核后会安排志愿者送达。审核结果可在“我的报名”中查看。`}
          actions={[
            { text: '查看我的报名', onClick: () => void openPage(routes.mySignups) },
            { text: '再报一个工地', onClick: form.startAnother, primary: false },
          ]}
        />
      </View>
    );
  }

  const onPickPlace = async () => {
    const place = await platform.pickPlace();
    if (!place) return;
    set('location', { lat: place.lat, lng: place.lng, name: place.name || place.address });
    if (!values.address.trim()) set('address', place.address);
  };

  return (
    <View className="page page--form signup-page">
      <SignupFormHead campaign={campaign} restored={form.restored}>
        <Text className="signup-page__deadline">{`报名截止：${monthDayWithYear(campaign.signup.to)}`}</Text>
      </SignupFormHead>
      {form.offer ? (
        <SignupReturningOffer
          siteName={form.offer.siteName}
          orgName={form.offer.orgName}
          onUse={form.applyLast}
          onDismiss={form.dismissOffer}
        />
      ) : null}

      <SignupFormSection title="工地信息" />
      <StationFormField label="工地/站点名称" name="siteName" required error={errors.siteName}>
        <StationTextInput
          value={values.siteName}
          onChange={(v) => set('siteName', v)}
          placeholder="例如 杨舍镇环卫所东片作业点"
          maxlength={40}
        />
      </StationFormField>
      <StationFormField label="所在地区" name="orgPath" required error={errors.orgPath}>
        <DistrictPicker
          districts={form.districts}
          selected={values.orgPath}
          onPick={(p) => set('orgPath', p)}
        />
      </StationFormField>
      <StationFormField label="详细地址" name="address" required error={errors.address}>
        <StationTextInput
          value={values.address}
          onChange={(v) => set('address', v)}
          placeholder="路名门牌，便于志愿者找到"
          maxlength={120}
        />
      </StationFormField>
      {platform.canPickPlace ? (
        <SignupLocationField
          location={values.location}
          error={errors.location}
          onPick={() => void onPickPlace()}
          onClear={() => set('location', null)}
        />
      ) : null}

      <SignupFormSection title="作业人员" />
      <StationFormField label="户外作业人数" name="outdoorWorkers" required error={errors.outdoorWorkers}>
        <StationTextInput
          type="number"
          value={values.outdoorWorkers}
          onChange={(v) => set('outdoorWorkers', v)}
          placeholder="人数"
          maxlength={6}
        />
      </StationFormField>
      <StationFormField
        label="其中高温作业人数"
        name="highTempWorkers"
        error={errors.highTempWorkers}
        hint="没有可不填"
      >
        <StationTextInput
          type="number"
          value={values.highTempWorkers}
          onChange={(v) => set('highTempWorkers', v)}
          placeholder="人数"
          maxlength={6}
        />
      </StationFormField>
      <StationFormField label="人员类别" name="workerGroups" required error={errors.workerGroups}>
        <ChoiceChips
          choices={campaign.targetGroups.map((group) => ({ value: group, label: workerGroupLabels[group] }))}
          selected={values.workerGroups}
          onToggle={(group) => set('workerGroups', toggle(values.workerGroups, group))}
        />
      </StationFormField>

      <SignupFormSection title="需要什么" />
      <StationFormField label="需求类别" name="requested" required error={errors.requested}>
        <SignupKindPicker
          kinds={campaign.kinds}
          value={values.requested}
          onChange={(v) => set('requested', v)}
        />
      </StationFormField>
      <StationFormField label="希望送达的日期" name="preferredDates" error={errors.preferredDates}>
        <SignupDateChips
          dates={dates}
          selected={values.preferredDates}
          max={maxDates}
          onToggle={(date) => set('preferredDates', toggle(values.preferredDates, date))}
        />
      </StationFormField>

      <SignupFormSection title="联系人" />
      <StationFormField label="联系人姓名" name="contactName" required error={errors.contactName}>
        <StationTextInput value={values.contactName} onChange={(v) => set('contactName', v)} maxlength={20} />
      </StationFormField>
      <SignupPhoneField
        value={values.contactPhone}
        reuse={values.reusePhone}
        error={errors.contactPhone}
        onChange={(v) => set('contactPhone', v)}
        onTypeNew={() => set('reusePhone', null)}
      />
      <StationFormField label="备注" name="note" error={errors.note} hint="例如 作业时间、进场要求（可不填）">
        <StationTextInput multiline value={values.note} onChange={(v) => set('note', v)} maxlength={200} />
      </StationFormField>

      <SignupFormFooter
        errors={errors}
        sendError={form.sendError}
        otherIssues={form.otherIssues}
        submitting={form.submitting}
        onSubmit={() => void form.submit()}
      />
      <PrivacyPopup visible={privacy.visible} onAgree={privacy.agree} onRefuse={privacy.refuse} />
    </View>
  );
}
