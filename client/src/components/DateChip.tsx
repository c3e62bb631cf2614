import { Picker, Text, View } from '@tarojs/components';
import './ChoiceChips.scss';

export interface DateChipProps {
  value: string;
  placeholder: string;
  /** Class of the chip, for tests and styles. */
  className?: string;
  start?: string;
  end?: string;
  onChange: (date: string) => void;
}

/** A date picked with the platform's date picker (no typing, no impossible dates), shown as a chip. */
export function DateChip({ value, placeholder, className, start, end, onChange }: DateChipProps) {
  return (
    <Picker
      mode="date"
      value={value}
      start={start}
      end={end}
      onChange={(e) => onChange(String(e.detail.value))}
    >
      <View
        className={`choice-chips__chip${value ? ' choice-chips__chip--on' : ''}${className ? ` ${className}` : ''}`}
      >
        <Text>{value || placeholder}</Text>
      </View>
    </Picker>
  );
}
