import { signupStatusLabels, type VolunteerSignup, volunteerSkillLabels } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { availabilityText } from '../services/staffOutreachFormat';
import { StaffSignupPhone } from './StaffSignupPhone';
import './StaffSignupCard.scss';

export interface StaffSignupVolunteerCardProps {
  signup: VolunteerSignup;
  /** A district's name from its org path. */
  districtName: (path: string) => string;
  phone?: string;
  busy?: boolean;
  onApprove?: () => void;
  onDecline?: () => void;
  onReveal: () => void;
}

/** One volunteer's sign-up: where and when they can serve, their skills, and 通过 / 不通过. */
export function StaffSignupVolunteerCard({
  signup,
  districtName,
  phone,
  busy,
  onApprove,
  onDecline,
  onReveal,
}: StaffSignupVolunteerCardProps) {
  const fact = (label: string, value: string) => (
    <Text className="staff-signup__fact">
      <Text className="staff-signup__label">{label}：</Text>
      {value}
    </Text>
  );
  return (
    <View className="staff-signup staff-signup--volunteer" data-id={signup.id}>
      <View className="staff-signup__head">
        <Text className="staff-signup__name">{signup.name}</Text>
        <Text className={`staff-signup__status staff-signup__status--${signup.status}`}>
          {signupStatusLabels[signup.status]}
        </Text>
      </View>
      {fact('服务区域', signup.districts.map(districtName).join('、'))}
      {fact('可服务时间', availabilityText(signup.availability))}
      {fact(
        '技能',
        signup.skills.length ? signup.skills.map((s) => volunteerSkillLabels[s]).join('、') : '未填写',
      )}
      <StaffSignupPhone masked={signup.phoneMasked} revealed={phone} busy={busy} onReveal={onReveal} />
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
