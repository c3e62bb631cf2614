import { Button, Popup } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import './PrivacyPopup.scss';

const agreeButtonId = 'privacy-agree';

export interface PrivacyPopupProps {
  visible: boolean;
  onAgree: (buttonId: string) => void;
  onRefuse: () => void;
  /** Why the page needs it (default: the station finder's location). */
  purpose?: string;
  /** What refusing leaves the user (default: finding stations by area). */
  refuseText?: string;
}

const findingStations =
  '为了查找您附近的户外劳动者服务站，我们需要获取您的位置信息。位置只用于计算距离，不会保存您的行动轨迹。';

/**
 * WeChat's privacy agreement (required since 2023 before location and other private APIs). The
 * agree button must be a real `openType="agreePrivacyAuthorization"` button: WeChat checks it was tapped.
 */
export function PrivacyPopup({
  visible,
  onAgree,
  onRefuse,
  purpose = findingStations,
  refuseText = '不同意（可按地区查找驿站）',
}: PrivacyPopupProps) {
  return (
    <Popup visible={visible} position="bottom" round closeable={false} closeOnOverlayClick={false}>
      <View className="privacy-popup">
        <Text className="privacy-popup__title">隐私保护提示</Text>
        <Text className="privacy-popup__body">{purpose}</Text>
        <Text className="privacy-popup__link" onClick={() => Taro.openPrivacyContract?.({})}>
          查看《职工安康隐私保护指引》
        </Text>
        <Button
          id={agreeButtonId}
          className="privacy-popup__agree"
          type="primary"
          size="large"
          block
          openType="agreePrivacyAuthorization"
          onAgreePrivacyAuthorization={() => onAgree(agreeButtonId)}
        >
          同意并继续
        </Button>
        <Button className="privacy-popup__refuse" fill="none" size="large" block onClick={onRefuse}>
          {refuseText}
        </Button>
      </View>
    </Popup>
  );
}
