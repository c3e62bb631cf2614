import { shanghaiDateTime } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { StateView } from '../../../components/StateView';
import { useAccount } from '../../../hooks/useAccount';
import { useInvite } from '../../../hooks/useInvite';
import { platform } from '../../../platform';
import { openPage, restartAt } from '../../../services/navigation';
import { grantableRoleLabels, inviteUrl } from '../../../services/roles';
import { routes } from '../../../services/routes';
import { staffRoutes } from '../../../services/staffRoutes';
import './index.scss';

const stateNotes = {
  expired: '这个邀请已过期，请向邀请人索取新的邀请。',
  accepted: '这个邀请已被接受，每个邀请只能使用一次。',
  revoked: '这个邀请已被邀请人撤销。',
} as const;

/**
 * The invitee's page, opened from a share card or QR code with `?code=`: shows the org, role and
 * expiry without signing in; 接受邀请 signs in first (and comes back here), then opens the workbench.
 */
export default function InvitePage() {
  const code = useRouter().params.code || undefined;
  const account = useAccount();
  const invite = useInvite(code);
  const { preview } = invite;

  useEffect(() => {
    if (!invite.accepted) return;
    void Taro.showToast({ title: '已接受邀请', icon: 'success' });
    // The workbench alone: the pages below were drawn before the role existed.
    void restartAt(staffRoutes.home);
  }, [invite.accepted]);

  if (!code) {
    return (
      <StateView
        tone="error"
        title="邀请链接不完整"
        description="请重新打开邀请人发来的卡片或二维码。"
        actions={[{ text: '回到首页', onClick: () => void restartAt(routes.stations) }]}
      />
    );
  }
  if (preview.error && !preview.data) {
    const gone = preview.error.code === 'INVITE_NOT_FOUND';
    return (
      <StateView
        tone="error"
        title={gone ? '邀请不存在或已失效' : '邀请加载失败'}
        description={gone ? '请向邀请人索取新的邀请。' : preview.error.message}
        actions={
          gone
            ? [{ text: '回到首页', onClick: () => void restartAt(routes.stations) }]
            : [{ text: '重试', onClick: preview.retry }]
        }
      />
    );
  }
  if (!preview.data) return <StateView tone="loading" title="正在读取邀请…" />;

  const { role, org, state, expiresAt } = preview.data;
  const roleName = grantableRoleLabels[role];
  const signIn = () => {
    // A browser signs in on the login page, which brings the visitor back here with the code.
    if (platform.loginMethod === 'page')
      void openPage(`${routes.login}?back=${encodeURIComponent(inviteUrl(code))}`);
    else account.signIn();
  };

  return (
    <View className="page invite-page">
      <View className="invite-page__card">
        <Text className="invite-page__title">邀请您担任{roleName}</Text>
        <View className="invite-page__row">
          <Text className="invite-page__key">组织</Text>
          <Text className="invite-page__value">{org ? org.name : '全部组织（管理员）'}</Text>
        </View>
        {org && org.chain.length > 1 ? (
          <Text className="invite-page__chain">{org.chain.join(' › ')}</Text>
        ) : null}
        <View className="invite-page__row">
          <Text className="invite-page__key">角色</Text>
          <Text className="invite-page__value">{roleName}</Text>
        </View>
        <View className="invite-page__row">
          <Text className="invite-page__key">有效期至</Text>
          <Text className="invite-page__value">{shanghaiDateTime(new Date(expiresAt))}</Text>
        </View>
      </View>
      {state !== 'pending' ? (
        <StateView tone="info" title="邀请不能再接受" description={stateNotes[state]} />
      ) : !account.signedIn ? (
        <View className="invite-page__actions">
          <Text className="invite-page__hint">接受邀请前请先登录，登录后会回到此页。</Text>
          <Button type="primary" block loading={account.signingIn} onClick={signIn}>
            {platform.loginMethod === 'wechat' ? '微信登录后接受' : '登录后接受'}
          </Button>
          {account.signInError ? <ErrorBanner error={account.signInError} /> : null}
        </View>
      ) : (
        <View className="invite-page__actions">
          <Text className="invite-page__hint">
            当前账号：{account.me?.nickname ?? '已登录'}。接受后，您将以{roleName}身份使用工会工作台。
          </Text>
          <Button
            type="primary"
            block
            loading={invite.accepting}
            disabled={invite.accepting || invite.accepted}
            onClick={() => void invite.accept()}
          >
            接受邀请
          </Button>
          {invite.acceptError ? <ErrorBanner error={invite.acceptError} /> : null}
        </View>
      )}
    </View>
  );
}
