import { type SignupStatus, signupStatusLabels } from '@ankang/shared';
import { Text } from '@tarojs/components';
import './SignupStatusBadge.scss';

/** 待审核 / 已通过 / 未通过, coloured so the state reads at a glance. */
export function SignupStatusBadge({ status }: { status: SignupStatus }) {
  return <Text className={`signup-status signup-status--${status}`}>{signupStatusLabels[status]}</Text>;
}
