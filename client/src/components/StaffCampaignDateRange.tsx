import { Picker, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { StationFormField } from './StationFormField';
import './ChoiceChips.scss';
import './StaffCampaignDateRange.scss';

export interface StaffCampaignDateRangeProps {
  label: string;
  /** `season` or `signup`: the row's class modifier and the error keys (`season.from`, …). */
  name: string;
  value: { from: string; to: string };
  errors: Record<string, string | undefined>;
  hint?: ReactNode;
  onChange: (next: { from: string; to: string }, changed: 'from' | 'to') => void;
}

/** A from–to pair of dates picked with the platform's date picker (no typing, no bad dates). */
export function StaffCampaignDateRange({
  label,
  name,
  value,
  errors,
  hint,
  onChange,
}: StaffCampaignDateRangeProps) {
  const error = errors[`${name}.from`] ?? errors[`${name}.to`];
  const end = (which: 'from' | 'to', placeholder: string) => (
    <Picker
      mode="date"
      value={value[which]}
      start={which === 'to' && value.from ? value.from : undefined}
      onChange={(event) => onChange({ ...value, [which]: String(event.detail.value) }, which)}
    >
      <View
        className={`choice-chips__chip staff-date-range__${which}${value[which] ? ' choice-chips__chip--on' : ''}`}
      >
        <Text>{value[which] || placeholder}</Text>
      </View>
    </Picker>
  );
  return (
    <StationFormField label={label} name={name} required error={error} hint={hint}>
      <View className="staff-date-range">
        {end('from', '开始日期')}
        <Text className="staff-date-range__sep">至</Text>
        {end('to', '结束日期')}
      </View>
    </StationFormField>
  );
}
