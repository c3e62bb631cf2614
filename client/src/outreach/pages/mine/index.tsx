import { halfDayLabels } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { OutreachSignIn } from '../../../components/OutreachSignIn';
import { OutreachSignupCard } from '../../../components/OutreachSignupCard';
import { StateView } from '../../../components/StateView';
import { useAccount } from '../../../hooks/useAccount';
import { useMySignups } from '../../../hooks/useMySignups';
import { usePullRefresh } from '../../../hooks/usePullRefresh';
import { openPage } from '../../../services/navigation';
import type { VolunteerSignupView } from '../../../services/outreach';
import { dateLabel } from '../../../services/outreachDates';
import { routes } from '../../../services/routes';
import './index.scss';

/** 上午/下午 of the first few half days, then how many more. */
function availabilityLine(signup: VolunteerSignupView): string {
  const first = signup.availability
    .slice(0, 3)
    .map((slot) => `${dateLabel(slot.date)}${halfDayLabels[slot.slot]}`);
  const more = signup.availability.length - first.length;
  return `可服务时段：${first.join('、')}${more > 0 ? ` 等 ${signup.availability.length} 个` : ''}`;
}

/** 我的报名: the caller's worksite and volunteer sign-ups with how their review went. */
export default function MySignupsPage() {
  const account = useAccount();
  const { data, error, loading, retry } = useMySignups(account.signedIn);
  usePullRefresh(async () => retry());

  if (!account.signedIn) {
    return (
      <OutreachSignIn
        description="登录后可查看您的“三送”报名和审核结果。"
        signingIn={account.signingIn}
        error={account.signInError}
        onSignIn={account.signIn}
      />
    );
  }
  if (!data) {
    return error ? (
      <StateView
        tone="error"
        title="报名记录加载失败"
        description={error.message}
        actions={[{ text: '重试', onClick: retry }]}
      />
    ) : (
      <StateView tone="loading" title={loading ? '正在加载报名记录…' : ''} />
    );
  }
  const campaignTitle = (id: string) => data.titles.get(id) ?? '“三送”活动';
  if (data.worksites.length === 0 && data.volunteers.length === 0) {
    return (
      <View className="page my-signups">
        <StateView
          tone="empty"
          title="您还没有报名"
          description="可以为工地报名接受“三送”，也可以报名成为志愿者。"
          actions={[{ text: '查看三送活动', onClick: () => void openPage(routes.outreachCampaigns) }]}
        />
      </View>
    );
  }

  return (
    <View className="page my-signups">
      {error ? <ErrorBanner error={error} onRetry={retry} /> : null}
      <Text className="my-signups__section">工地报名</Text>
      {data.worksites.length === 0 ? <Text className="my-signups__none">暂无工地报名</Text> : null}
      {data.worksites.map((signup) => (
        <OutreachSignupCard
          key={signup.id}
          kind="worksite"
          title={signup.siteName}
          campaignTitle={campaignTitle(signup.campaignId)}
          status={signup.status}
          reason={signup.review?.reason}
          lines={[
            `${signup.orgName} · ${signup.address}`,
            `户外作业 ${signup.outdoorWorkers} 人 · 联系人 ${signup.contactName} ${signup.contactPhoneMasked}`,
          ]}
        />
      ))}
      <Text className="my-signups__section">志愿者报名</Text>
      {data.volunteers.length === 0 ? <Text className="my-signups__none">暂无志愿者报名</Text> : null}
      {data.volunteers.map((signup) => (
        <OutreachSignupCard
          key={signup.id}
          kind="volunteer"
          title={signup.name}
          campaignTitle={campaignTitle(signup.campaignId)}
          status={signup.status}
          reason={signup.review?.reason}
          lines={[availabilityLine(signup)]}
        />
      ))}
      <Text className="my-signups__more" onClick={() => void openPage(routes.outreachCampaigns)}>
        查看三送活动 ›
      </Text>
    </View>
  );
}
