import { Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { MyReportCard } from '../../../components/MyReportCard';
import { OutreachSignIn } from '../../../components/OutreachSignIn';
import { PagedList, pagingOf } from '../../../components/PagedList';
import { StateView } from '../../../components/StateView';
import { useAccount } from '../../../hooks/useAccount';
import { useMyReports } from '../../../hooks/useMyReports';
import { usePullRefresh } from '../../../hooks/usePullRefresh';
import { openPage } from '../../../services/navigation';
import { routes } from '../../../services/routes';
import './index.scss';

/** 我的反馈: the problems the worker reported at stations, and what the union did about each. */
export default function MyReportsPage() {
  const account = useAccount();
  const list = useMyReports(account.signedIn);
  usePullRefresh(async () => list.reload());
  useReachBottom(list.loadMore);

  if (!account.signedIn) {
    return (
      <OutreachSignIn
        description="登录后可查看您反映过的驿站问题和工会的处理情况。"
        signingIn={account.signingIn}
        error={account.signInError}
        onSignIn={account.signIn}
      />
    );
  }
  return (
    <View className="page my-reports">
      <Text className="my-reports__intro">同一驿站的同类问题由工会统一处理，处理结果会显示在这里。</Text>
      <PagedList
        {...pagingOf(list)}
        loadingTitle="正在加载我的反馈…"
        errorTitle="我的反馈加载失败"
        endText={list.items.length > 0 ? `共 ${list.items.length} 条反馈` : undefined}
        empty={
          <StateView
            tone="empty"
            title="您还没有反映过问题"
            description="在驿站详情页点“反映问题”，工会会尽快处理。"
            actions={[{ text: '去找驿站', onClick: () => void openPage(routes.stations) }]}
          />
        }
      >
        {list.items.map((report) => (
          <MyReportCard key={report.id} report={report} />
        ))}
      </PagedList>
    </View>
  );
}
