import { Button } from '@nutui/nutui-react-taro';
import { Image, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { buttonA11y } from '../../../components/buttonA11y';
import { GateFallback } from '../../../components/GateFallback';
import { StateView } from '../../../components/StateView';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { useStationCode } from '../../../hooks/useStationCode';
import { saveImageLabel } from '../../../platform/imageSaver';
import { canPrintPage, printPage } from '../../../platform/pagePrint';
import { stationIdOf } from '../../../services/pageUrl';
import './index.scss';

/**
 * 驿站二维码海报 (`?id=<station id>`): the station's name over its mini-program code, with 扫码评价
 * and 扫码报修, to post at the station. Scanning the code opens the station's page, where a worker
 * rates it or reports a problem on the spot. The code is saved to the album (weapp) or downloaded,
 * and a browser prints the poster itself.
 */
export default function StationPosterPage() {
  const { params } = useRouter();
  const id = stationIdOf({ id: params.id });
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const poster = useStationCode(id, gate.kind === 'allowed');

  if (gate.kind !== 'allowed') {
    return (
      <GateFallback gate={gate} signedIn={account.signedIn} audience="工会干部和管理员" className="poster" />
    );
  }
  if (!id) return <StateView tone="error" title="缺少驿站编号" description="请从“我的驿站”进入海报页面。" />;
  const { code, error } = poster;
  if (!code) {
    return error ? (
      <StateView
        tone="error"
        title={error.code === 'WECHAT_UNAVAILABLE' ? '暂时无法从微信生成二维码' : '二维码加载失败'}
        description={error.code === 'WECHAT_UNAVAILABLE' ? '请稍后重试。' : error.message}
        actions={error.code === 'STATION_NOT_FOUND' ? [] : [{ text: '重试', onClick: poster.retry }]}
      />
    ) : (
      <StateView tone="loading" title="正在生成二维码…" />
    );
  }

  return (
    <View className="page poster">
      <View className="poster__sheet">
        <Text className="poster__org">职工安康 · 户外劳动者服务站</Text>
        <Text className="poster__name">{code.stationName}</Text>
        <Image
          className="poster__code"
          src={`data:${code.mimeType};base64,${code.image}`}
          mode="aspectFit"
          showMenuByLongpress
        />
        <View className="poster__calls">
          <Text className="poster__call">扫码评价</Text>
          <Text className="poster__call">扫码报修</Text>
        </View>
        <Text className="poster__hint">
          微信扫一扫，打开本驿站页面：为服务打分，或反映设施问题，工会工作人员会尽快处理。
        </Text>
      </View>
      <View className="poster__actions">
        <Button
          className="poster__save"
          type="primary"
          size="large"
          block
          {...buttonA11y(() => void poster.save(), poster.saving)}
          loading={poster.saving}
          disabled={poster.saving}
        >
          {saveImageLabel}
        </Button>
        {canPrintPage ? (
          <Button
            className="poster__print"
            type="primary"
            fill="outline"
            size="large"
            block
            {...buttonA11y(printPage)}
          >
            打印海报
          </Button>
        ) : (
          <Text className="poster__tip">保存后可在电脑上打印，或长按二维码转发。</Text>
        )}
      </View>
    </View>
  );
}
