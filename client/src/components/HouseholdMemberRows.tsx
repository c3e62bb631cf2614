import {
  employmentLabels,
  type MemberRelation,
  memberConditionLabels,
  memberRelationLabels,
} from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { MemberRow } from '../services/householdForm';
import { ChoiceChips, choicesOf } from './ChoiceChips';
import { StationFormField, StationTextInput } from './StationFormField';
import './HouseholdMemberRows.scss';

const relations = choicesOf(memberRelationLabels);
const conditions = choicesOf(memberConditionLabels);
const employments = choicesOf(employmentLabels);

export interface HouseholdMemberRowsProps {
  members: MemberRow[];
  /** Messages by `members.<i>.<field>`, and `members` for the list as a whole. */
  errors: Record<string, string | undefined>;
  onChange: (members: MemberRow[]) => void;
  onAdd: () => void;
}

/** 家庭成员: one block per member (relation, name, birth year, health, work), added and removed in place. */
export function HouseholdMemberRows({ members, errors, onChange, onAdd }: HouseholdMemberRowsProps) {
  const change = (index: number, patch: Partial<MemberRow>) =>
    onChange(members.map((m, i) => (i === index ? { ...m, ...patch } : m)));
  return (
    <View className="household-members">
      {errors.members ? <Text className="household-members__error">{errors.members}</Text> : null}
      {members.map((member, index) => (
        <View key={member.key} className="household-members__row">
          <View className="household-members__head">
            <Text className="household-members__title">成员 {index + 1}</Text>
            {members.length > 1 ? (
              <Text
                className="household-members__remove"
                onClick={() => onChange(members.filter((_, i) => i !== index))}
              >
                删除
              </Text>
            ) : null}
          </View>
          <StationFormField
            label="关系"
            name={`member-relation-${index}`}
            error={errors[`members.${index}.relation`]}
          >
            <ChoiceChips
              choices={relations}
              selected={[member.relation]}
              onToggle={(relation: MemberRelation) => change(index, { relation })}
            />
          </StationFormField>
          <StationFormField
            label="姓名"
            name={`member-name-${index}`}
            required
            error={errors[`members.${index}.name`]}
          >
            <StationTextInput
              value={member.name}
              onChange={(name) => change(index, { name })}
              maxlength={20}
            />
          </StationFormField>
          <StationFormField
            label="出生年份"
            name={`member-birthYear-${index}`}
            required
            error={errors[`members.${index}.birthYear`]}
          >
            <StationTextInput
              type="number"
              value={member.birthYear}
              onChange={(birthYear) => change(index, { birthYear })}
              placeholder="例如 1978"
              maxlength={4}
            />
          </StationFormField>
          <StationFormField label="健康状况" name={`member-condition-${index}`}>
            <ChoiceChips
              choices={conditions}
              selected={[member.condition]}
              onToggle={(condition) => change(index, { condition })}
            />
          </StationFormField>
          <StationFormField label="就业情况" name={`member-employment-${index}`}>
            <ChoiceChips
              choices={employments}
              selected={[member.employment]}
              onToggle={(employment) => change(index, { employment })}
            />
          </StationFormField>
        </View>
      ))}
      {members.length < 12 ? (
        <View className="household-members__add">
          <Button type="primary" fill="outline" size="large" block onClick={onAdd}>
            添加家庭成员
          </Button>
        </View>
      ) : null}
    </View>
  );
}
