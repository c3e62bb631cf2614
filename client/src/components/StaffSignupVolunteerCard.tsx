import { type VolunteerSignup, volunteerSkillLabels } from '@ankang/shared';
import { availabilityText } from '../services/staffOutreachFormat';
import { StaffSignupCardFrame, StaffSignupFact } from './StaffSignupCardFrame';
import { StaffSignupPhone } from './StaffSignupPhone';

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
  const skills = signup.skills.map((s) => volunteerSkillLabels[s]).join('、');
  return (
    <StaffSignupCardFrame
      kind="volunteer"
      signup={signup}
      title={signup.name}
      busy={busy}
      onApprove={onApprove}
      onDecline={onDecline}
    >
      <StaffSignupFact label="服务区域" value={signup.districts.map(districtName).join('、')} />
      <StaffSignupFact label="可服务时间" value={availabilityText(signup.availability)} />
      <StaffSignupFact label="技能" value={skills || '未填写'} />
      <StaffSignupPhone masked={signup.phoneMasked} revealed={phone} busy={busy} onReveal={onReveal} />
    </StaffSignupCardFrame>
  );
}
