import { signupStatusLabels, type WorksiteSignup, workerGroupLabels } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { type catalogNames, dateText, requestedText } from '../services/staffOutreachFormat';
import { StaffSignupPhone } from './StaffSignupPhone';
import './StaffSignupCard.scss';

export interface StaffSignupWorksiteCardProps {
  signup: WorksiteSignup;
  /** The campaign's catalog by code, to name what the site asked for. */
  names: ReturnType<typeof catalogNames>;
  phone?: string;
  busy?: boolean;
  /** Absent when the sign-up cannot be approved (already approved). */
  onApprove?: () => void;
  /** Absent when the sign-up cannot be declined (only a pending one can). */
  onDecline?: () => void;
  onReveal: () => void;
}

/** One worksite's sign-up with the facts a reviewer decides on, and 通过 / 不通过. */
export function StaffSignupWorksiteCard({
  signup,
  names,
  phone,
  busy,
  onApprove,
  onDecline,
  onReveal,
}: StaffSignupWorksiteCardProps) {
  const fact = (label: string, value: string) => (
    <Text className="staff-signup__fact">
      <Text className="staff-signup__label">{label}：</Text>
      {value}
    </Text>
  );
  return (
    <View className="staff-signup staff-signup--worksite" data-id={signup.id}>
      <View className="staff-signup__head">
        <Text className="staff-signup__name">{signup.siteName}</Text>
        <Text className={`staff-signup__status staff-signup__status--${signup.status}`}>
          {signupStatusLabels[signup.status]}
        </Text>
      </View>
      {fact('地区', signup.orgName)}
      {fact('地址', signup.address)}
      {fact('人数', `户外作业 ${signup.outdoorWorkers} 人，其中高温作业 ${signup.highTempWorkers} 人`)}
      {fact('人员', signup.workerGroups.map((group) => workerGroupLabels[group]).join('、'))}
      {fact('需求', requestedText(signup.requested, names))}
      {fact(
        '希望日期',
        signup.preferredDates.length ? signup.preferredDates.map(dateText).join('、') : '不限',
      )}
      {signup.note ? fact('备注', signup.note) : null}
      <StaffSignupPhone
        contact={signup.contactName}
        masked={signup.contactPhoneMasked}
        revealed={phone}
        busy={busy}
        onReveal={onReveal}
      />
      {signup.status === 'declined' && signup.review?.reason ? (
        <Text className="staff-signup__review">未通过原因：{signup.review.reason}</Text>
      ) : null}
      {onApprove || onDecline ? (
        <View className="staff-signup__actions">
          {onDecline ? (
            <Button className="staff-signup__decline" type="default" disabled={busy} onClick={onDecline}>
              不通过
            </Button>
          ) : null}
          {onApprove ? (
            <Button className="staff-signup__approve" type="primary" disabled={busy} onClick={onApprove}>
              通过
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
