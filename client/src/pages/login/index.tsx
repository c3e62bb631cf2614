import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { DevAccountList } from '../../components/DevAccountList';
import { ErrorBanner } from '../../components/ErrorBanner';
import { StateView } from '../../components/StateView';
import { useLoginOptions } from '../../hooks/useLoginOptions';
import { platform } from '../../platform';
import { returnUrlAfterLogin } from '../../services/loginReturn';
import { restartAt } from '../../services/navigation';
import { routes } from '../../services/routes';
import './index.scss';

/**
 * H5 sign-in. Real users sign in inside WeChat; a browser can only use the development login,
 * which exists on the local stack alone. Signed in, the user goes back to where they came from
 * (`?back=<encoded path>`, else the page that opened this one, else 我的): a worker sent here by
 * 提交评价 returns to that station, where the form kept what they typed.
 */
export default function LoginPage() {
  const { params } = useRouter();
  // Read once: the page stack is as it was when the login page opened.
  const [returnTo] = useState(() => returnUrlAfterLogin(params.back));
  const { loading, data, error, retry, pick, pendingUserId, signInError } = useLoginOptions(returnTo);

  if (loading && !data) return <StateView tone="loading" title="正在加载…" />;
  if (error) {
    return (
      <View className="page login-page">
        <StateView
          tone="error"
          title="暂时无法登录"
          description={error.message}
          actions={[{ text: '重试', onClick: retry }]}
        />
      </View>
    );
  }
  if (!data?.devLogin && platform.loginMethod === 'wechat') {
    return (
      <View className="page login-page">
        <StateView
          tone="info"
          title="请使用微信登录"
          description="在“我的”页面点击“微信一键登录”即可。"
          actions={[{ text: '前往“我的”', onClick: () => void restartAt(routes.me) }]}
        />
      </View>
    );
  }
  if (!data?.devLogin) {
    return (
      <View className="page login-page">
        <StateView
          tone="info"
          title="网页版暂不支持登录"
          description="请在微信中搜索并打开“职工安康”小程序，使用微信登录。"
        />
      </View>
    );
  }
  return (
    <View className="page login-page">
      {signInError ? <ErrorBanner error={signInError} /> : null}
      <DevAccountList accounts={data.accounts} pendingUserId={pendingUserId} onPick={pick} />
    </View>
  );
}
