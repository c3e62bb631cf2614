import type { DeliveryKind } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { toggle } from '../services/signupForm';
import { ChoiceChips } from './ChoiceChips';
import './SignupKindPicker.scss';

export interface RequestedKind {
  kind: string;
  items: string[];
}

export interface SignupKindPickerProps {
  /** The campaign's catalog. */
  kinds: DeliveryKind[];
  value: RequestedKind[];
  onChange: (value: RequestedKind[]) => void;
}

/**
 * What the site would like: a kind (送清凉 …) first, then, if they care, which of its items; a kind
 * with no item ticked leaves the choice to the union.
 */
export function SignupKindPicker({ kinds, value, onChange }: SignupKindPickerProps) {
  const chosen = new Map(value.map((entry) => [entry.kind, entry.items]));
  const toggleKind = (code: string) =>
    onChange(
      chosen.has(code)
        ? value.filter((entry) => entry.kind !== code)
        : // In the catalog's order, whatever order they were tapped in.
          kinds
            .filter((kind) => kind.code === code || chosen.has(kind.code))
            .map((kind) => ({ kind: kind.code, items: chosen.get(kind.code) ?? [] })),
    );
  const toggleItem = (code: string, item: string) =>
    onChange(
      value.map((entry) => (entry.kind === code ? { ...entry, items: toggle(entry.items, item) } : entry)),
    );

  return (
    <View className="signup-kinds">
      <ChoiceChips
        choices={kinds.map((kind) => ({ value: kind.code, label: kind.name }))}
        selected={[...chosen.keys()]}
        onToggle={toggleKind}
      />
      {kinds
        .filter((kind) => chosen.has(kind.code))
        .map((kind) => (
          <View key={kind.code} className={`signup-kinds__items signup-kinds__items--${kind.code}`}>
            <Text className="signup-kinds__title">{`${kind.name}：需要哪些（可不选）`}</Text>
            <ChoiceChips
              choices={kind.items.map((item) => ({
                value: item.code,
                label: `${item.name}（${item.unit}）`,
              }))}
              selected={chosen.get(kind.code) ?? []}
              onToggle={(item) => toggleItem(kind.code, item)}
            />
          </View>
        ))}
    </View>
  );
}
