import { employmentLabels, memberRelationLabels } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { EarnerRow } from '../services/visitForm';
import { ChoiceChips, choicesOf } from './ChoiceChips';
import './VisitRows.scss';

const relations = choicesOf(memberRelationLabels);
const employments = choicesOf(employmentLabels);

export interface VisitEarnerRowsProps {
  earners: EarnerRow[];
  onChange: (earners: EarnerRow[]) => void;
  onAdd: () => void;
}

/** 主要劳动力就业情况: who earns, their work now, and whether it changed since the last visit. */
export function VisitEarnerRows({ earners, onChange, onAdd }: VisitEarnerRowsProps) {
  const change = (index: number, patch: Partial<EarnerRow>) =>
    onChange(earners.map((e, i) => (i === index ? { ...e, ...patch } : e)));
  return (
    <View className="visit-rows visit-rows--earners">
      {earners.map((earner, index) => (
        <View key={earner.key} className="visit-rows__row">
          <View className="visit-rows__head">
            <Text className="visit-rows__title">劳动力 {index + 1}</Text>
            <Text
              className="visit-rows__remove"
              onClick={() => onChange(earners.filter((_, i) => i !== index))}
            >
              删除
            </Text>
          </View>
          <ChoiceChips
            choices={relations}
            selected={[earner.relation]}
            onToggle={(relation) => change(index, { relation })}
          />
          <View className="visit-rows__gap" />
          <ChoiceChips
            choices={employments}
            selected={[earner.employment]}
            onToggle={(employment) => change(index, { employment })}
          />
          <View className="visit-rows__gap" />
          <ChoiceChips
            choices={[{ value: 'changed', label: '较上次走访有变化' }]}
            selected={earner.changed ? ['changed'] : []}
            onToggle={() => change(index, { changed: !earner.changed })}
          />
        </View>
      ))}
      {earners.length < 6 ? (
        <Button type="primary" fill="outline" size="large" block onClick={onAdd}>
          添加劳动力
        </Button>
      ) : null}
    </View>
  );
}
