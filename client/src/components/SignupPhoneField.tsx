import { Text, View } from '@tarojs/components';
import { StationFormField, StationTextInput } from './StationFormField';
import './SignupPhoneField.scss';

export interface SignupPhoneFieldProps {
  value: string;
  /** The earlier sign-up's phone, kept on the server; only its masked form is known here. */
  reuse: { masked: string } | null;
  error?: string;
  onChange: (value: string) => void;
  /** 改用新号码: the person types a number instead. */
  onTypeNew: () => void;
}

/** 联系电话: typed, or “沿用上次的号码 138****5678” for a returning contact. */
export function SignupPhoneField({ value, reuse, error, onChange, onTypeNew }: SignupPhoneFieldProps) {
  return (
    <StationFormField
      label="联系电话"
      name="contactPhone"
      required
      error={error}
      hint={reuse ? undefined : '手机号，或带区号的固定电话（如 0512-58681234）'}
    >
      {reuse ? (
        <View className="signup-phone__reuse">
          <Text className="signup-phone__masked">{`沿用上次的号码 ${reuse.masked}`}</Text>
          <Text className="signup-phone__change" onClick={onTypeNew}>
            改用新号码
          </Text>
        </View>
      ) : (
        <StationTextInput value={value} onChange={onChange} placeholder="请输入联系电话" maxlength={20} />
      )}
    </StationFormField>
  );
}
