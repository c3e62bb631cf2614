import { Text, View } from '@tarojs/components';
import './ChoiceChips.scss';

export interface Choice<T extends string> {
  value: T;
  label: string;
}

/** `{ code: label }` (the shared label tables) as choices, in the table's order. */
export function choicesOf<T extends string>(labels: Record<T, string>): Choice<T>[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}

export interface ChoiceChipsProps<T extends string> {
  choices: Choice<T>[];
  selected: readonly T[];
  onToggle: (value: T) => void;
}

/** Big tappable chips for one or many choices; the chosen ones filled and ticked. */
export function ChoiceChips<T extends string>({ choices, selected, onToggle }: ChoiceChipsProps<T>) {
  return (
    <View className="choice-chips">
      {choices.map((choice) => {
        const on = selected.includes(choice.value);
        return (
          <View
            key={choice.value}
            className={`choice-chips__chip${on ? ' choice-chips__chip--on' : ''}`}
            onClick={() => onToggle(choice.value)}
          >
            <Text>{on ? `✓ ${choice.label}` : choice.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
