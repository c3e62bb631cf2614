import { Text, View } from '@tarojs/components';
import './StaffSignupPhone.scss';

export interface StaffSignupPhoneProps {
  contact?: string;
  masked: string;
  /** The full number, once revealed on this page (gone when the page closes). */
  revealed?: string;
  busy?: boolean;
  onReveal: () => void;
}

/** A contact's phone, masked until staff ask for it with a reason (the view is recorded). */
export function StaffSignupPhone({ contact, masked, revealed, busy, onReveal }: StaffSignupPhoneProps) {
  return (
    <View className="staff-signup-phone">
      <Text className="staff-signup-phone__number">
        {contact ? `${contact} · ` : ''}
        {revealed ?? masked}
      </Text>
      {revealed ? (
        // Keyed apart from the link: reusing one Text would strip its only handler, which Taro's
        // weapp runtime cannot do.
        <Text key="note" className="staff-signup-phone__note">
          已查看完整号码（已记录）
        </Text>
      ) : (
        <Text
          key="reveal"
          className={`staff-signup-phone__reveal${busy ? ' staff-signup-phone__reveal--busy' : ''}`}
          // Always bound (busy or not), for the same reason.
          onClick={() => {
            if (!busy) onReveal();
          }}
        >
          查看完整号码
        </Text>
      )}
    </View>
  );
}
