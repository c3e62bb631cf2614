import { View } from '@tarojs/components';
import { platform } from '../platform';
import type { ApiError } from '../services/errors';
import { ErrorBanner } from './ErrorBanner';
import { StateView } from './StateView';

export interface OutreachSignInProps {
  /** What signing in is for, e.g. 登录后即可为工地报名“三送”。 */
  description: string;
  signingIn: boolean;
  error: ApiError | null;
  onSignIn: () => void;
}

/**
 * Signed-out visitors on the 三送 pages (often straight from a QR code): one tap signs in with
 * WeChat and the page carries on; a browser goes to the login page.
 */
export function OutreachSignIn({ description, signingIn, error, onSignIn }: OutreachSignInProps) {
  return (
    <View className="page outreach-sign-in">
      <StateView
        tone="locked"
        title="请先登录"
        description={description}
        actions={[
          {
            text: platform.loginMethod === 'wechat' ? '微信一键登录' : '去登录',
            onClick: onSignIn,
            loading: signingIn,
          },
        ]}
      />
      {error ? <ErrorBanner error={error} /> : null}
    </View>
  );
}
