import { largeSpendingKindLabels } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Input, Text, View } from '@tarojs/components';
import type { SpendingRow } from '../services/visitForm';
import { ChoiceChips, choicesOf } from './ChoiceChips';
import './VisitRows.scss';

const kinds = choicesOf(largeSpendingKindLabels);

export interface VisitSpendingRowsProps {
  spendings: SpendingRow[];
  /** Messages by `largeSpending.<i>.<field>`. */
  errors: Record<string, string | undefined>;
  onChange: (spendings: SpendingRow[]) => void;
  onAdd: () => void;
}

/** 大额必要支出 (medical, education): kind, amount in yuan, a short note; up to five. */
export function VisitSpendingRows({ spendings, errors, onChange, onAdd }: VisitSpendingRowsProps) {
  const change = (index: number, patch: Partial<SpendingRow>) =>
    onChange(spendings.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  return (
    <View className="visit-rows visit-rows--spending">
      {spendings.map((row, index) => {
        const error = errors[`largeSpending.${index}.amountFen`] ?? errors[`largeSpending.${index}.note`];
        return (
          <View key={row.key} className="visit-rows__row">
            <View className="visit-rows__head">
              <Text className="visit-rows__title">支出 {index + 1}</Text>
              <Text
                className="visit-rows__remove"
                onClick={() => onChange(spendings.filter((_, i) => i !== index))}
              >
                删除
              </Text>
            </View>
            <ChoiceChips choices={kinds} selected={[row.kind]} onToggle={(kind) => change(index, { kind })} />
            <Input
              className="visit-rows__input visit-rows__amount"
              type="digit"
              value={row.amount}
              placeholder="金额（元）"
              onInput={(e) => change(index, { amount: e.detail.value })}
            />
            <Input
              className="visit-rows__input visit-rows__note"
              value={row.note}
              placeholder="说明（可不填）"
              maxlength={50}
              onInput={(e) => change(index, { note: e.detail.value })}
            />
            {error ? <Text className="visit-rows__error">{error}</Text> : null}
          </View>
        );
      })}
      {spendings.length < 5 ? (
        <Button type="primary" fill="outline" size="large" block onClick={onAdd}>
          添加大额支出
        </Button>
      ) : null}
    </View>
  );
}
