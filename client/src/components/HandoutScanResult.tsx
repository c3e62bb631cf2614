import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { ScanResult } from '../hooks/useHandoutScan';
import { type OutboxEntry, outboxStateLabels } from '../services/outbox';

/** What the result needs of a recorded hand-out's outbox entry. */
export type UploadState = Pick<OutboxEntry, 'id' | 'state' | 'error'>;

import './HandoutScanResult.scss';

export interface HandoutScanResultProps {
  result: ScanResult;
  /** The allowance item and daily count, e.g. 清凉包 · 每人每天 1 份. */
  itemName: string;
  perDay: number;
  /** The outbox entry of a recorded hand-out (follows its upload). */
  entry: UploadState | null;
  onRecord: () => void;
  onRetry: (id: string) => void;
}

/** What the server said about a recorded hand-out, in the words the volunteer acts on. */
function uploadLine(entry: UploadState | null, mode: 'live' | 'queued'): { tone: string; text: string } {
  if (!entry) return { tone: 'pending', text: '已保存在手机上' };
  if (entry.state === 'sent') return { tone: 'ok', text: '已记录，可以发放' };
  if (entry.state === 'failed') {
    if (entry.error?.code === 'ALLOWANCE_EXCEEDED') {
      return { tone: 'bad', text: `${entry.error.message}，请勿再发放` };
    }
    return { tone: 'bad', text: `${entry.error?.message ?? '记录失败'}（点击重试）` };
  }
  if (mode === 'queued') return { tone: 'pending', text: '无网络：已保存，联网后自动上传，可以发放' };
  return { tone: 'pending', text: `${outboxStateLabels[entry.state]}…请稍候` };
}

/** The scan's verdict, big and coloured: 有效 (with today's count), 已过期, 无效, then the upload. */
export function HandoutScanResult({
  result,
  itemName,
  perDay,
  entry,
  onRecord,
  onRetry,
}: HandoutScanResultProps) {
  if (result.kind === 'expired' || result.kind === 'invalid') {
    return (
      <View className={`handout-result handout-result--${result.kind}`}>
        <Text className="handout-result__verdict">{result.kind === 'expired' ? '已过期' : '无效'}</Text>
        <Text className="handout-result__line">{result.message}</Text>
      </View>
    );
  }
  if (result.kind === 'recorded') {
    const line = uploadLine(entry, result.mode);
    return (
      <View
        className={`handout-result handout-result--${line.tone}`}
        onClick={
          entry?.state === 'failed' && entry.error?.code !== 'ALLOWANCE_EXCEEDED'
            ? () => onRetry(entry.id)
            : undefined
        }
      >
        <Text className="handout-result__verdict">{line.tone === 'bad' ? '未记录' : '已保存'}</Text>
        <Text className="handout-result__line">{line.text}</Text>
      </View>
    );
  }
  return (
    <View className={`handout-result handout-result--${result.atLimit ? 'warn' : 'valid'}`}>
      <Text className="handout-result__verdict">有效</Text>
      <Text className="handout-result__line">{`职工编号 ${result.pseudonym.slice(0, 6)}`}</Text>
      <Text className="handout-result__line">
        {`本机记录今日已发 ${result.countToday} 份 · 每人每天 ${perDay} 份${itemName}`}
      </Text>
      {result.atLimit ? (
        <Text className="handout-result__warning">该职工今日额度可能已领完（以服务器为准），请谨慎发放</Text>
      ) : null}
      <View className="handout-result__action">
        <Button type="primary" size="large" block onClick={onRecord}>
          {`记录发放 1 份${itemName}`}
        </Button>
      </View>
    </View>
  );
}
