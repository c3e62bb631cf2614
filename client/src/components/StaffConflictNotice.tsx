import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import './StaffConflictNotice.scss';

const stationText =
  '您打开此页后，其他人保存了这个驿站的资料。请刷新查看最新内容，再重新修改；您未保存的修改将被放弃。';

/**
 * Someone saved the record after it was loaded: say so and offer to load theirs (never overwrite).
 * `text` says what changed where the record is not a station (a campaign, a sign-up, a task).
 */
export function StaffConflictNotice({
  onReload,
  text = stationText,
}: {
  onReload: () => void;
  text?: string;
}) {
  return (
    <View className="staff-notice staff-notice--conflict">
      <Text className="staff-notice__title">数据已被他人修改</Text>
      <Text className="staff-notice__text">{text}</Text>
      <View className="staff-notice__actions">
        <Button type="primary" size="large" onClick={onReload}>
          刷新
        </Button>
      </View>
    </View>
  );
}
