import type { SignupStatus } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { SignupStatusBadge } from './SignupStatusBadge';
import './OutreachSignupCard.scss';

export interface OutreachSignupCardProps {
  /** 工地报名 or 志愿者报名, for the modifier class and the label. */
  kind: 'worksite' | 'volunteer';
  title: string;
  campaignTitle: string;
  status: SignupStatus;
  /** Why it was declined, as staff wrote it. */
  reason?: string;
  /** Further facts: the address, the districts, when it was sent … */
  lines: string[];
}

/** What happens next, by kind and state. */
const nextSteps: Record<OutreachSignupCardProps['kind'], Partial<Record<SignupStatus, string>>> = {
  worksite: {
    pending: '工会审核后会在这里显示结果。',
    approved: '工会将安排志愿者按约定送达。',
  },
  volunteer: {
    pending: '工会审核后会在这里显示结果。',
    approved: '工会分配任务后，可在“我的”→“我的任务”中查看。',
  },
};

/** One of the caller's sign-ups on 我的报名: what, for which campaign, and how the review went. */
export function OutreachSignupCard({
  kind,
  title,
  campaignTitle,
  status,
  reason,
  lines,
}: OutreachSignupCardProps) {
  const next = nextSteps[kind][status];
  return (
    <View className={`outreach-signup outreach-signup--${kind} outreach-signup--${status}`}>
      <View className="outreach-signup__head">
        <Text className="outreach-signup__title">{title}</Text>
        <SignupStatusBadge status={status} />
      </View>
      <Text className="outreach-signup__campaign">{campaignTitle}</Text>
      {lines.map((line) => (
        <Text key={line} className="outreach-signup__line">
          {line}
        </Text>
      ))}
      {status === 'declined' && reason ? (
        <Text className="outreach-signup__reason">{`未通过原因：${reason}`}</Text>
      ) : null}
      {next ? <Text className="outreach-signup__hint">{next}</Text> : null}
    </View>
  );
}
