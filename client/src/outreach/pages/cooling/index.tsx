import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { CoolingQr } from '../../../components/CoolingQr';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { OutreachSignIn } from '../../../components/OutreachSignIn';
import { StateView } from '../../../components/StateView';
import { useAccount } from '../../../hooks/useAccount';
import { useCoolingCode } from '../../../hooks/useCoolingCode';
import { formatClock } from '../../../services/format';
import './index.scss';

/**
 * 清凉码: the worker's personal code for the daily 清凉 allowance. A volunteer or station scans it;
 * it changes every few minutes and carries no name, openid or phone number.
 */
export default function CoolingCodePage() {
  const account = useAccount();
  const cooling = useCoolingCode(account.signedIn);

  if (!account.signedIn) {
    return (
      <OutreachSignIn
        description="登录后可出示您的清凉码，在驿站或向志愿者领取清凉物资。"
        signingIn={account.signingIn}
        error={account.signInError}
        onSignIn={account.signIn}
      />
    );
  }
  const { code } = cooling;
  if (!code) {
    return cooling.error ? (
      <StateView
        tone="error"
        title="清凉码加载失败"
        description={cooling.error.message}
        actions={[{ text: '重试', onClick: cooling.refresh, loading: cooling.loading }]}
      />
    ) : (
      <StateView tone="loading" title="正在生成清凉码…" />
    );
  }

  return (
    <View className="page cooling-page">
      <View className={`cooling-page__card${cooling.expired ? ' cooling-page__card--expired' : ''}`}>
        <Text className="cooling-page__title">我的清凉码</Text>
        <CoolingQr text={code.code} label="清凉码二维码" />
        {cooling.expired ? (
          <Text className="cooling-page__expired">已过期，正在刷新…</Text>
        ) : (
          <Text className="cooling-page__valid">{`有效至 ${formatClock(code.expiresAt)}，到期前自动刷新`}</Text>
        )}
      </View>
      {cooling.error ? <ErrorBanner error={cooling.error} onRetry={cooling.refresh} /> : null}
      <View className="cooling-page__help">
        <Text className="cooling-page__help-title">怎么用</Text>
        <Text className="cooling-page__help-line">
          在工会驿站或遇到“三送”志愿者时出示此码，对方扫码后即可领取当天的清凉物资（如清凉包、矿泉水）。
        </Text>
        <Text className="cooling-page__help-line">每人每天有领取份数限制，领完当天即止，次日恢复。</Text>
        <Text className="cooling-page__help-line">
          码中只有一个随机编号，不含您的姓名、微信号或手机号；几分钟就换一次，截图无效。
        </Text>
        <Text className="cooling-page__help-line">阳光强烈时请调高屏幕亮度，方便对方扫码。</Text>
      </View>
      <View className="cooling-page__refresh">
        <Button
          type="primary"
          fill="outline"
          size="large"
          block
          loading={cooling.loading}
          onClick={cooling.refresh}
        >
          刷新清凉码
        </Button>
      </View>
    </View>
  );
}
