import { Text, View } from '@tarojs/components';
import { formatClock } from '../services/format';
import { buttonA11y } from './buttonA11y';
import './NearbyStatus.scss';

export interface NearbyStatusProps {
  at: string | null;
  loading: boolean;
  /** The list shown is older than the last attempt (the refresh failed, or it is from storage). */
  stale: boolean;
  offlineMessage: string | null;
  onRefresh: () => void;
}

/** A message as a sentence: its own closing mark kept, else a 。 (never 。。). */
export const sentence = (message: string) => (/[。！？.!?]$/.test(message) ? message : `${message}。`);

/** 更新于 hh:mm and 刷新; when a refresh failed, says the list is the stored one. */
export function NearbyStatus({ at, loading, stale, offlineMessage, onRefresh }: NearbyStatusProps) {
  return (
    <View className="nearby-status">
      {offlineMessage ? (
        <View className="nearby-status__offline">
          <Text>{`${sentence(offlineMessage)}以下是${at ? ` ${formatClock(at)} ` : '上次'}保存的结果，可能已有变化。`}</Text>
        </View>
      ) : null}
      <View className="nearby-status__line">
        <Text className="nearby-status__time">
          {loading
            ? '正在更新…'
            : at
              ? `更新于 ${formatClock(at)}${stale && !offlineMessage ? '（上次结果）' : ''}`
              : ''}
        </Text>
        {/* The handler stays bound while loading: unbinding a Text's only handler crashes Taro's weapp runtime. */}
        <View className="nearby-status__refresh" {...buttonA11y(onRefresh, loading)}>
          <Text>刷新</Text>
        </View>
      </View>
    </View>
  );
}
