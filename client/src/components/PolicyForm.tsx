import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { type PolicyFormValues, policyFormFields } from '../services/hardshipPolicyFormat';
import { StationFormField, StationTextInput } from './StationFormField';
import './PolicyForm.scss';

export interface PolicyFormProps {
  values: PolicyFormValues;
  errors: Partial<Record<keyof PolicyFormValues, string>>;
  busy: boolean;
  /** Starting a node's own setting (it inherits now): say that every threshold is set at once. */
  first: boolean;
  onChange: (name: keyof PolicyFormValues, value: string) => void;
  onSave: () => void;
  onCancel: () => void;
}

/** An admin's form for a node's whole policy: every threshold, in the units staff speak of. */
export function PolicyForm({ values, errors, busy, first, onChange, onSave, onCancel }: PolicyFormProps) {
  return (
    <View className="policy-form">
      <Text className="policy-form__intro">
        {first
          ? '本级设置将整套覆盖继承的规则；下列数值已按当前生效的规则填好，只需修改要调整的项。'
          : '修改本级规则，保存后生成新版本，修改记录可查。'}
      </Text>
      {policyFormFields.map((field) => (
        <StationFormField
          key={field.name}
          label={`${field.label}（${field.unit}）`}
          name={field.name}
          required
          error={errors[field.name]}
        >
          <StationTextInput
            value={values[field.name]}
            type={field.name === 'relativeMultiple' ? 'digit' : 'number'}
            maxlength={6}
            onChange={(value) => onChange(field.name, value)}
          />
        </StationFormField>
      ))}
      <StationFormField label="说明" name="note" hint="如文件名称、调整原因（选填）" error={errors.note}>
        <StationTextInput value={values.note} maxlength={100} onChange={(value) => onChange('note', value)} />
      </StationFormField>
      <View className="policy-form__actions">
        <Button type="primary" size="large" loading={busy} disabled={busy} onClick={onSave}>
          保存本级规则
        </Button>
        <Button size="large" disabled={busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}
