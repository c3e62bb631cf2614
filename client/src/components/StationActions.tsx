import type { StationDetail } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { platform } from '../platform';
import './StationActions.scss';

/** 导航前往 and 拨打电话; how each is done differs by platform (see platform/). */
export function StationActions({
  station,
}: {
  station: Pick<StationDetail, 'name' | 'address' | 'location' | 'phone'>;
}) {
  const target = {
    latitude: station.location.lat,
    longitude: station.location.lng,
    name: station.name,
    address: station.address,
  };
  const link = platform.mapLink(target);
  return (
    <View className="station-actions">
      {link ? (
        // A real link in the browser: it opens Amap's page (or app), and can be long-pressed or shared.
        <a className="station-actions__navigate-link" href={link} target="_blank" rel="noopener noreferrer">
          导航前往（高德地图）
        </a>
      ) : (
        <Button
          className="station-actions__navigate"
          type="primary"
          size="large"
          block
          onClick={() => void platform.openMap(target).catch(() => undefined)}
        >
          导航前往
        </Button>
      )}
      {station.phone ? (
        <Button
          className="station-actions__call"
          type="primary"
          fill="outline"
          size="large"
          block
          onClick={() => void platform.makePhoneCall(station.phone!).catch(() => undefined)}
        >
          {`拨打电话 ${station.phone}`}
        </Button>
      ) : null}
    </View>
  );
}
