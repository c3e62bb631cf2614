import { signupStatusLabels, volunteerSkillLabels } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useMemo } from 'react';
import { ChoiceChips, choicesOf } from '../../../components/ChoiceChips';
import { OutreachConsentCard } from '../../../components/OutreachConsentCard';
import { OutreachSignupCard } from '../../../components/OutreachSignupCard';
import {
  SignupFallback,
  SignupFormFooter,
  SignupFormHead,
  SignupFormSection,
} from '../../../components/SignupForm';
import { StateView } from '../../../components/StateView';
import { StationFormField, StationTextInput } from '../../../components/StationFormField';
import { VolunteerAvailabilityGrid } from '../../../components/VolunteerAvailabilityGrid';
import { useAccount } from '../../../hooks/useAccount';
import { useSubscribeConsent } from '../../../hooks/useSubscribeConsent';
import { useVolunteerSignup } from '../../../hooks/useVolunteerSignup';
import { campaignIdOf, consentTopics } from '../../../services/outreach';
import { todayInShanghai, upcomingDates } from '../../../services/outreachDates';
import { toggle } from '../../../services/signupForm';
import { toggleSlot } from '../../../services/volunteerForm';
import './index.scss';

const skillChoices = choicesOf(volunteerSkillLabels);

/** 报名志愿者: districts, half days and skills for one campaign; then the offer of task notices. */
export default function VolunteerSignupPage() {
  const campaignId = campaignIdOf(useRouter().params.campaign);
  const account = useAccount();
  const form = useVolunteerSignup(campaignId, account.me?.id ?? null);
  const fresh = form.signup?.fresh === true;
  const consent = useSubscribeConsent(consentTopics.volunteerSignup, fresh);
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
        signInDescription="登录后即可报名成为夏季安康“三送”志愿者。"
        loadError={form.loadError}
        onRetry={form.retryLoad}
        className="volunteer-signup"
      />
    );
  }

  const districtName = new Map(form.districts.map((d) => [d.path, d.name]));
  if (form.signup) {
    const { view } = form.signup;
    return (
      <View className="page volunteer-signup">
        <StateView
          tone="info"
          mark={fresh ? '✓' : 'i'}
          title={fresh ? `报名已提交，${signupStatusLabels[view.status]}` : '您已报名该活动的志愿者'}
          description={
            fresh ? '工会审核通过后，会给您分配送达任务。' : '每个活动只需报名一次，审核结果如下。'
          }
        />
        <View className="volunteer-signup__state">
          <OutreachSignupCard
            kind="volunteer"
            title={view.name}
            campaignTitle={campaign.title}
            status={view.status}
            reason={view.review?.reason}
            lines={[
              `服务区域：${view.districts.map((path) => districtName.get(path) ?? path).join('、')}`,
              `可服务时段：${view.availability.length} 个`,
              `联系电话：${view.phoneMasked}`,
            ]}
          />
        </View>
        {fresh && consent.available ? (
          <OutreachConsentCard
            title="有新任务时通知我"
            description="同意后，工会给您分配送达任务时，会通过微信服务通知告诉您时间和地点。"
            state={consent.state}
            onAsk={() => void consent.ask()}
            onRetry={() => void consent.retry()}
          />
        ) : null}
      </View>
    );
  }

  return (
    <View className="page page--form volunteer-signup">
      <SignupFormHead campaign={campaign} restored={form.restored}>
        <Text className="volunteer-signup__intro">
          志愿者把清凉物资、健康和安全服务送到工地。请选择您方便的区域和时间，工会审核后分配任务。
        </Text>
      </SignupFormHead>

      <SignupFormSection title="个人信息" />
      <StationFormField label="姓名" name="name" required error={errors.name}>
        <StationTextInput value={values.name} onChange={(v) => set('name', v)} maxlength={20} />
      </StationFormField>
      <StationFormField
        label="联系电话"
        name="phone"
        required
        error={errors.phone}
        hint="手机号，或带区号的固定电话"
      >
        <StationTextInput value={values.phone} onChange={(v) => set('phone', v)} maxlength={20} />
      </StationFormField>
      <StationFormField label="特长（可多选，可不选）" name="skills" error={errors.skills}>
        <ChoiceChips
          choices={skillChoices}
          selected={values.skills}
          onToggle={(skill) => set('skills', toggle(values.skills, skill))}
        />
      </StationFormField>

      <SignupFormSection title="服务区域和时间" />
      <StationFormField label="服务区域（可多选）" name="districts" required error={errors.districts}>
        <ChoiceChips
          choices={form.districts.map((d) => ({ value: d.path, label: d.name }))}
          selected={values.districts}
          onToggle={(path) => set('districts', toggle(values.districts, path))}
        />
      </StationFormField>
      <StationFormField label="可服务时段" name="availability" required error={errors.availability}>
        <VolunteerAvailabilityGrid
          dates={dates}
          selected={values.availability}
          onToggle={(date, slot) => set('availability', toggleSlot(values.availability, date, slot))}
        />
      </StationFormField>

      <SignupFormFooter
        errors={errors}
        sendError={form.sendError}
        otherIssues={form.otherIssues}
        submitting={form.submitting}
        onSubmit={() => void form.submit()}
      />
    </View>
  );
}
