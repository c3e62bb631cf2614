import type { StationStatus } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import './OpenBadge.scss';

/** 营业中 / 已关门 / 暂停开放 with the hours label beside it (营业至 22:00, 明天 08:00 开门 …). */
export function OpenBadge({ open, status, label }: { open: boolean; status: StationStatus; label: string }) {
  const tone = open ? 'open' : status.state === 'open' ? 'closed' : 'paused';
  const text = open
    ? '营业中'
    : status.state === 'open'
      ? '已关门'
      : status.state === 'closed'
        ? '已停用'
        : '暂停开放';
  // The server's label already leads with 暂停开放：原因 / 已停用; no need to say it twice.
  const detail = label === text ? '' : label.replace(/^暂停开放：/, '');
  return (
    <View className="open-badge">
      <Text className={`open-badge__state open-badge__state--${tone}`}>{text}</Text>
      {detail ? <Text className={`open-badge__label open-badge__label--${tone}`}>{detail}</Text> : null}
    </View>
  );
}
