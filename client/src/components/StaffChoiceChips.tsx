import { Text, View } from '@tarojs/components';
import './StaffForm.scss';

export interface Choice<T extends string> {
  value: T;
  label: string;
}

export interface StationChoiceChipsProps<T extends string> {
  choices: Choice<T>[];
  selected: readonly T[];
  onToggle: (value: T) => void;
}

/** Big tappable chips: one or many choices, the chosen ones filled. */
export function StationChoiceChips<T extends string>({
  choices,
  selected,
  onToggle,
}: StationChoiceChipsProps<T>) {
  return (
    <View className="staff-chips">
      {choices.map((choice) => {
        const on = selected.includes(choice.value);
        return (
          <View
            key={choice.value}
            className={`staff-chips__chip${on ? ' staff-chips__chip--on' : ''}`}
            onClick={() => onToggle(choice.value)}
          >
            <Text>{on ? `✓ ${choice.label}` : choice.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
