import { type WorksiteSignup, workerGroupLabels } from '@ankang/shared';
import { monthDay } from '../services/outreachDates';
import { type catalogNames, requestedText } from '../services/staffOutreachFormat';
import { StaffSignupCardFrame, StaffSignupFact } from './StaffSignupCardFrame';
import { StaffSignupPhone } from './StaffSignupPhone';

export interface StaffSignupWorksiteCardProps {
  signup: WorksiteSignup;
  /** The campaign's catalog by code, to name what the site asked for. */
  names: ReturnType<typeof catalogNames>;
  phone?: string;
  busy?: boolean;
  onApprove?: () => void;
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
  const workers = `户外作业 ${signup.outdoorWorkers} 人，其中高温作业 ${signup.highTempWorkers} 人`;
  return (
    <StaffSignupCardFrame
      kind="worksite"
      signup={signup}
      title={signup.siteName}
      busy={busy}
      onApprove={onApprove}
      onDecline={onDecline}
    >
      <StaffSignupFact label="地区" value={signup.orgName} />
      <StaffSignupFact label="地址" value={signup.address} />
      <StaffSignupFact label="人数" value={workers} />
      <StaffSignupFact label="人员" value={signup.workerGroups.map((g) => workerGroupLabels[g]).join('、')} />
      <StaffSignupFact label="需求" value={requestedText(signup.requested, names)} />
      <StaffSignupFact
        label="希望日期"
        value={signup.preferredDates.length ? signup.preferredDates.map(monthDay).join('、') : '不限'}
      />
      {signup.note ? <StaffSignupFact label="备注" value={signup.note} /> : null}
      <StaffSignupPhone
        contact={signup.contactName}
        masked={signup.contactPhoneMasked}
        revealed={phone}
        busy={busy}
        onReveal={onReveal}
      />
    </StaffSignupCardFrame>
  );
}
