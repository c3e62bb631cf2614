import { SUGGESTION_DAILY_CAP } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { buttonA11y } from '../../../components/buttonA11y';
import { OutreachSignIn } from '../../../components/OutreachSignIn';
import { PagedList, pagingOf } from '../../../components/PagedList';
import { StateView } from '../../../components/StateView';
import { SuggestionCard } from '../../../components/SuggestionCard';
import { useAccount } from '../../../hooks/useAccount';
import { useMySuggestions } from '../../../hooks/useMySuggestions';
import { usePullRefresh } from '../../../hooks/usePullRefresh';
import { openPage } from '../../../services/navigation';
import { suggestRoutes } from '../../../services/suggestions';
import './index.scss';

/** 我的建议: the stations the worker suggested, newest first, with how the union decided. */
export default function MySuggestionsPage() {
  const account = useAccount();
  const list = useMySuggestions(account.signedIn);
  usePullRefresh(async () => list.reload());
  useReachBottom(list.loadMore);

  if (!account.signedIn) {
    return (
      <OutreachSignIn
        description="登录后可查看您建议新增的驿站和审核结果。"
        signingIn={account.signingIn}
        error={account.signInError}
        onSignIn={account.signIn}
      />
    );
  }

  return (
    <View className="page my-suggestions">
      <PagedList
        {...pagingOf(list)}
        loadingTitle="正在加载我的建议…"
        errorTitle="我的建议加载失败"
        empty={
          <StateView
            tone="empty"
            title="您还没有建议过驿站"
            description="发现了可以歇脚、喝水、充电的地方，可以建议工会新增为驿站。"
            actions={[{ text: '建议新增驿站', onClick: () => void openPage(suggestRoutes.new) }]}
          />
        }
      >
        {list.items.map((suggestion) => (
          <SuggestionCard key={suggestion.id} suggestion={suggestion} audience="suggester" />
        ))}
      </PagedList>
      {list.items.length > 0 ? (
        <View className="my-suggestions__more">
          <Button
            type="primary"
            fill="outline"
            size="large"
            block
            {...buttonA11y(() => void openPage(suggestRoutes.new))}
          >
            再建议一个地点
          </Button>
          <Text className="my-suggestions__hint">{`每人每天最多提交 ${SUGGESTION_DAILY_CAP} 条建议。`}</Text>
        </View>
      ) : null}
    </View>
  );
}
