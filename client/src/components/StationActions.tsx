import type { StationDetail } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { platform } from '../platform';
import './StationActions.scss';

type Placed = Pick<StationDetail, 'name' | 'address' | 'location'>;

/**
 * Where 导航 goes, on both the detail page and a list row: in the browser a real link (Amap's page
 * or app; it can be long-pressed or shared), in WeChat its map opened from the tap.
 */
export function navigationOf(station: Placed): { link: string | null; open: () => void } {
  const target = {
    latitude: station.location.lat,
    longitude: station.location.lng,
    name: station.name,
    address: station.address,
  };
  return {
    link: platform.mapLink(target),
    open: () => void platform.openMap(target).catch(() => undefined),
  };
}

/** 导航前往 and 拨打电话; how each is done differs by platform (see platform/). */
export function StationActions({ station }: { station: Placed & Pick<StationDetail, 'phone'> }) {
  const { link, open } = navigationOf(station);
  return (
    <View className="station-actions">
      {link ? (
        <a className="station-actions__navigate-link" href={link} target="_blank" rel="noopener noreferrer">
          导航前往（高德地图）
        </a>
      ) : (
        <Button className="station-actions__navigate" type="primary" size="large" block onClick={open}>
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
