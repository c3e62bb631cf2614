import { type SignupStatus, signupStatusLabels } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './StaffSignupCard.scss';

export interface StaffSignupCardFrameProps {
  kind: 'worksite' | 'volunteer';
  signup: { id: string; status: SignupStatus; review?: { reason?: string } };
  /** The site's or the volunteer's name. */
  title: string;
  busy?: boolean;
  /** Absent when the sign-up cannot be approved (already approved). */
  onApprove?: () => void;
  /** Absent when the sign-up cannot be declined (only a pending one can). */
  onDecline?: () => void;
  /** The kind's own facts and its phone. */
  children: ReactNode;
}

/**
 * What every sign-up card shares, so the worksite and volunteer queues look and act alike:
 * the name with its status, the reason a decline gave, and 通过 / 不通过.
 */
export function StaffSignupCardFrame({
  kind,
  signup,
  title,
  busy,
  onApprove,
  onDecline,
  children,
}: StaffSignupCardFrameProps) {
  return (
    <View className={`staff-signup staff-signup--${kind}`} data-id={signup.id}>
      <View className="staff-signup__head">
        <Text className="staff-signup__name">{title}</Text>
        <Text className={`staff-signup__status staff-signup__status--${signup.status}`}>
          {signupStatusLabels[signup.status]}
        </Text>
      </View>
      {children}
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

/** One labelled line of a sign-up card. */
export function StaffSignupFact({ label, value }: { label: string; value: string }) {
  return (
    <Text className="staff-signup__fact">
      <Text className="staff-signup__label">{label}：</Text>
      {value}
    </Text>
  );
}
