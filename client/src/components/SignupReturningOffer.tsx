import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import './SignupReturningOffer.scss';

export interface SignupReturningOfferProps {
  siteName: string;
  orgName: string;
  onUse: () => void;
  onDismiss: () => void;
}

/** A returning contact: start from the last sign-up instead of an empty form. */
export function SignupReturningOffer({ siteName, orgName, onUse, onDismiss }: SignupReturningOfferProps) {
  return (
    <View className="signup-offer">
      <Text className="signup-offer__title">您之前报过名</Text>
      <Text className="signup-offer__site">{`${siteName} · ${orgName}`}</Text>
      <Button className="signup-offer__use" type="primary" size="large" block onClick={onUse}>
        使用上次填写的信息
      </Button>
      <Text className="signup-offer__dismiss" onClick={onDismiss}>
        不用了，重新填写
      </Text>
    </View>
  );
}
