import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { ApiError } from '../services/errors';
import './SignupSendError.scss';

/** Failures where the same form can simply be sent again (nothing was wrong with it). */
const resendable = new Set(['NETWORK', 'INTERNAL', 'BAD_RESPONSE', 'WECHAT_UNAVAILABLE']);

const explanations: Partial<Record<string, string>> = {
  VALIDATION_FAILED: '请按标红的提示修改后再提交。',
  SIGNUP_CLOSED: '您填写的内容已保存在手机上，活动重新开放报名后可直接提交。',
  RATE_LIMITED: '您填写的内容已保存在手机上，请过一会儿再提交。',
};

export interface SignupSendErrorProps {
  error: ApiError;
  /** Messages about the form that no single field shows. */
  otherIssues: string[];
  resending: boolean;
  onResend: () => void;
}

/**
 * Why a sign-up was not stored, and what to do: a lost network keeps the form on the phone and
 * offers 重新提交, which carries the same request id, so a sign-up that did arrive is not made twice.
 */
export function SignupSendError({ error, otherIssues, resending, onResend }: SignupSendErrorProps) {
  const canResend = resendable.has(error.code);
  const explanation = canResend
    ? '您填写的内容已保存在手机上，可以重新提交，不会重复报名。'
    : explanations[error.code];
  return (
    <View className={`signup-error signup-error--${error.code.toLowerCase()}`}>
      <Text className="signup-error__message">{error.message}</Text>
      {otherIssues.map((issue) => (
        <Text key={issue} className="signup-error__issue">
          {issue}
        </Text>
      ))}
      {explanation ? <Text className="signup-error__explanation">{explanation}</Text> : null}
      {canResend ? (
        <Button
          className="signup-error__resend"
          type="primary"
          fill="outline"
          size="large"
          block
          loading={resending}
          onClick={onResend}
        >
          重新提交
        </Button>
      ) : null}
    </View>
  );
}
