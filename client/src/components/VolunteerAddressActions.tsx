import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { platform } from '../platform';
import './StationActions.scss';
import './VolunteerAddressActions.scss';

/**
 * For a site with no position on the map (signed up on the web, where there is no map pick): a map
 * search by address in a browser, and the address to copy into a map app in WeChat, whose map only
 * opens at a point.
 */
export function VolunteerAddressActions({ address }: { address: string }) {
  const link = platform.addressSearchLink(address);
  return (
    <View className="station-actions volunteer-address-actions">
      <Text className="volunteer-address-actions__note">工地没有在地图上标注位置，请按地址前往。</Text>
      {link ? (
        <a className="station-actions__navigate-link" href={link} target="_blank" rel="noopener noreferrer">
          在高德地图中搜索地址
        </a>
      ) : (
        <Button
          className="volunteer-address-actions__copy"
          type="primary"
          fill="outline"
          size="large"
          block
          onClick={() => void platform.copyText(address).catch(() => undefined)}
        >
          复制地址，到地图中搜索
        </Button>
      )}
    </View>
  );
}
