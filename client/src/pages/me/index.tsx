import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { AccountCard } from '../../components/AccountCard';
import { ErrorBanner } from '../../components/ErrorBanner';
import { type LinkItem, LinkList } from '../../components/LinkList';
import { OrgCard } from '../../components/OrgCard';
import { StateView } from '../../components/StateView';
import { useAccount } from '../../hooks/useAccount';
import { platform } from '../../platform';
import { handoutRoutes } from '../../services/handoutRoutes';
import { openPage } from '../../services/navigation';
import { clearOutreachDrafts } from '../../services/outreachDrafts';
import { routes } from '../../services/routes';
import { suggestRoutes } from '../../services/suggestions';
import './index.scss';

/** 我的: who is signed in, their roles and union, the role entrances, and signing in or out. */
export default function MePage() {
  const account = useAccount();
  const { me } = account;

  if (!me) {
    return (
      <View className="page me-page">
        <StateView
          tone="empty"
          mark="我"
          title="您还没有登录"
          description="登录后可查看您的身份和所属工会。"
          actions={[
            {
              text: platform.loginMethod === 'wechat' ? '微信一键登录' : '去登录',
              onClick: account.signIn,
              loading: account.signingIn,
            },
          ]}
        />
        {account.signInError ? <ErrorBanner error={account.signInError} /> : null}
      </View>
    );
  }

  const entrances: LinkItem[] = [
    {
      key: 'outreach',
      title: '三送活动',
      description: '夏季安康“三送”：工地报名、报名志愿者',
      onClick: () => void openPage(routes.outreachCampaigns),
    },
    {
      key: 'cooling-code',
      title: '清凉码',
      description: '出示个人二维码，在驿站或向志愿者领取清凉物资',
      onClick: () => void openPage(handoutRoutes.coolingCode),
    },
    {
      key: 'my-signups',
      title: '我的报名',
      description: '报名记录与审核结果',
      onClick: () => void openPage(routes.mySignups),
    },
    {
      key: 'my-reports',
      title: '我的反馈',
      description: '我反映过的驿站问题和工会的处理结果',
      onClick: () => void openPage(routes.myReports),
    },
    {
      key: 'suggest',
      title: '建议新增驿站',
      description: '发现可以歇脚的地方，告诉工会',
      onClick: () => void openPage(suggestRoutes.new),
    },
    {
      key: 'my-suggestions',
      title: '我的建议',
      description: '我建议过的地点和工会的审核结果',
      onClick: () => void openPage(suggestRoutes.mine),
    },
  ];
  if (me.roles.includes('volunteer')) {
    entrances.push({
      key: 'volunteer',
      title: '我的任务',
      description: '志愿者服务：送达任务、导航与确认',
      onClick: () => void openPage(routes.volunteer),
    });
  }
  if (me.roles.some((role) => role === 'volunteer' || role === 'staff' || role === 'admin')) {
    entrances.push({
      key: 'handout-scan',
      title: '扫码发放',
      description: '扫职工的清凉码，记录清凉物资发放（无网络也可扫码）',
      onClick: () => void openPage(handoutRoutes.scan),
    });
  }
  if (me.roles.includes('staff') || me.roles.includes('admin')) {
    entrances.push({
      key: 'staff',
      title: '工会工作台',
      description: '驿站、三送活动与帮扶工作',
      onClick: () => void openPage(routes.staff),
    });
  }

  return (
    <View className="page me-page">
      <AccountCard me={me} />
      {account.error ? <ErrorBanner error={account.error} onRetry={account.retry} /> : null}
      {me.org ? <OrgCard org={me.org} /> : null}
      <LinkList title="我的服务" items={entrances} />
      <View className="me-page__logout">
        <Button
          className="me-page__logout-button"
          type="danger"
          fill="outline"
          size="large"
          block
          onClick={() => {
            // Unsent sign-ups hold phone numbers: they go with the person who typed them.
            clearOutreachDrafts();
            account.signOut();
          }}
        >
          退出登录
        </Button>
      </View>
    </View>
  );
}
