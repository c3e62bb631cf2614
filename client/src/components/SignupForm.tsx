import type { Campaign } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { ApiError } from '../services/errors';
import { signupClosedReason, todayInShanghai } from '../services/outreachDates';
import { SignupSendError } from './SignupSendError';
import './SignupForm.scss';

// The parts the worksite and the volunteer sign-up forms share, so both read and behave alike.

export interface SignupFormHeadProps {
  campaign: Campaign;
  /** The form was started from a draft kept on the phone. */
  restored: boolean;
  /** What the form says under the campaign's title (its deadline, what volunteers do). */
  children?: ReactNode;
}

/** The campaign's title, then why sending would be refused now, and that a draft was restored. */
export function SignupFormHead({ campaign, restored, children }: SignupFormHeadProps) {
  const closed = signupClosedReason(campaign, todayInShanghai());
  return (
    <>
      <Text className="signup-form__campaign">{campaign.title}</Text>
      {children}
      {closed ? (
        <Text className="signup-form__closed">{`${closed}，现在提交会被退回；填写的内容会保存在手机上。`}</Text>
      ) : null}
      {restored ? (
        <Text className="signup-form__restored">已恢复您上次未提交的内容，核对后即可提交。</Text>
      ) : null}
    </>
  );
}

/** A group of fields' title. */
export function SignupFormSection({ title }: { title: string }) {
  return <Text className="signup-form__section">{title}</Text>;
}

export interface SignupFormFooterProps {
  /** The form's errors by field: their count asks for fixes before anything is sent. */
  errors: Partial<Record<string, string>>;
  sendError: ApiError | null;
  otherIssues: string[];
  submitting: boolean;
  onSubmit: () => void;
}

/** How many fields need fixing, or why sending failed (with 重新提交), and 提交报名. */
export function SignupFormFooter({
  errors,
  sendError,
  otherIssues,
  submitting,
  onSubmit,
}: SignupFormFooterProps) {
  const issueCount = Object.values(errors).filter(Boolean).length;
  return (
    <>
      {issueCount > 0 && !sendError ? (
        <Text className="signup-form__check">{`有 ${issueCount} 处需要修改，请查看标红的提示。`}</Text>
      ) : null}
      {sendError ? (
        <SignupSendError
          error={sendError}
          otherIssues={otherIssues}
          resending={submitting}
          onResend={onSubmit}
        />
      ) : null}
      <View className="signup-form__submit">
        <Button
          className="signup-form__submit-button"
          type="primary"
          size="large"
          block
          loading={submitting}
          onClick={onSubmit}
        >
          提交报名
        </Button>
      </View>
    </>
  );
}
