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
  /** One choice at most (read out as radio buttons); otherwise each chip is an on/off button. */
  single?: boolean;
  /** What is being chosen, for screen readers (the visible label above is often a separate text). */
  label?: string;
}

/**
 * Big tappable chips for one or many choices; the chosen ones filled, with a tick drawn in CSS (a
 * character would change the chip's text and depend on the phone's fonts). On H5 each chip says
 * whether it is chosen (aria-checked / aria-pressed).
 */
export function ChoiceChips<T extends string>({
  choices,
  selected,
  onToggle,
  single,
  label,
}: ChoiceChipsProps<T>) {
  return (
    <View className="choice-chips" role={single ? 'radiogroup' : 'group'} aria-label={label}>
      {choices.map((choice) => {
        const on = selected.includes(choice.value);
        return (
          <View
            key={choice.value}
            className={`choice-chips__chip${on ? ' choice-chips__chip--on' : ''}`}
            role={single ? 'radio' : 'button'}
            {...(single ? { 'aria-checked': on } : { 'aria-pressed': on })}
            onClick={() => onToggle(choice.value)}
          >
            <Text>{choice.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
