import type { Campaign } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { AccountState } from '../hooks/useAccount';
import type { ApiError } from '../services/errors';
import { goBackOr, openPage } from '../services/navigation';
import { signupClosedReason, todayInShanghai } from '../services/outreachDates';
import { routes } from '../services/routes';
import { OutreachSignIn } from './OutreachSignIn';
import { SignupSendError } from './SignupSendError';
import { StateView } from './StateView';
import './SignupForm.scss';

// The parts the worksite and the volunteer sign-up forms share, so both read and behave alike.

export interface SignupFallbackProps {
  /** The campaign id from the page's query; null when it was missing or not an id. */
  campaignId: string | null;
  account: Pick<AccountState, 'signedIn' | 'signingIn' | 'signInError' | 'signIn'>;
  /** What signing in is for (the form's audience). */
  signInDescription: string;
  /** The campaign could not be read (null while it loads). */
  loadError: ApiError | null;
  onRetry: () => void;
  className: string;
}

/**
 * What a sign-up page shows until its form can: no campaign in the link, 请先登录, the campaign
 * loading, or why it could not be read.
 */
export function SignupFallback({
  campaignId,
  account,
  signInDescription,
  loadError,
  onRetry,
  className,
}: SignupFallbackProps) {
  if (!campaignId) {
    return (
      <View className={`page ${className}`}>
        <StateView
          tone="error"
          title="没有找到要报名的活动"
          description="二维码或链接可能不完整，请从“三送活动”中选择活动报名。"
          actions={[{ text: '查看三送活动', onClick: () => void openPage(routes.outreachCampaigns) }]}
        />
      </View>
    );
  }
  if (!account.signedIn) {
    return (
      <OutreachSignIn
        description={signInDescription}
        signingIn={account.signingIn}
        error={account.signInError}
        onSignIn={account.signIn}
      />
    );
  }
  if (!loadError) return <StateView tone="loading" title="正在加载活动信息…" />;
  const missing = loadError.code === 'CAMPAIGN_NOT_FOUND';
  return (
    <View className={`page ${className}`}>
      <StateView
        tone="error"
        title={missing ? '未找到该活动' : '活动信息加载失败'}
        description={missing ? '活动可能已被删除，请从“三送活动”中重新选择。' : loadError.message}
        actions={[
          ...(missing ? [] : [{ text: '重试', onClick: onRetry }]),
          { text: '返回', onClick: () => void goBackOr(routes.me), primary: false },
        ]}
      />
    </View>
  );
}

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
