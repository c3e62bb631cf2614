import type { PovertyLine } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { PovertyLineFormValues } from '../hooks/useHardshipPolicy';
import { dayText, perMonth } from '../services/hardshipFormat';
import { DateChip } from './DateChip';
import { StationFormField, StationTextInput } from './StationFormField';
import './PovertyLines.scss';

export interface PovertyLinesProps {
  lines: PovertyLine[];
  /** The 低保 standard in force today, as the server picks it (the deepest node's latest started line). */
  inForce: PovertyLine | null;
  /** The node the form adds a line for. */
  orgName: string;
  values: PovertyLineFormValues;
  errors: Partial<Record<keyof PovertyLineFormValues, string>>;
  saving: boolean;
  onChange: (name: keyof PovertyLineFormValues, value: string) => void;
  onAdd: () => void;
}

/** The 低保 standards of a node and the nodes above it, each with its date, and the form to add one. */
export function PovertyLines({
  lines,
  inForce,
  orgName,
  values,
  errors,
  saving,
  onChange,
  onAdd,
}: PovertyLinesProps) {
  return (
    <View className="poverty-lines">
      {lines.length === 0 ? (
        <Text className="poverty-lines__empty">本级及上级均未设置低保标准。</Text>
      ) : (
        lines.map((line) => {
          const current = line === inForce;
          return (
            <View key={`${line.orgPath}#${line.effectiveFrom}`} className="poverty-lines__row">
              <View className="poverty-lines__head">
                <Text className="poverty-lines__org">{line.orgName}</Text>
                <Text className="poverty-lines__amount">{perMonth(line.monthlyFen)}</Text>
              </View>
              <Text className="poverty-lines__meta">
                {dayText(line.effectiveFrom)}起执行 · {line.setByName} 设置
                {current ? <Text className="poverty-lines__current"> 现行</Text> : null}
              </Text>
            </View>
          );
        })
      )}
      <Text className="poverty-lines__form-title">为{orgName}新增低保标准</Text>
      <StationFormField label="每人每月（元）" name="povertyYuan" required error={errors.yuan}>
        <StationTextInput
          value={values.yuan}
          type="digit"
          maxlength={10}
          placeholder="如 1140"
          onChange={(v) => onChange('yuan', v)}
        />
      </StationFormField>
      <StationFormField label="执行日期" name="povertyFrom" required error={errors.effectiveFrom}>
        <DateChip
          value={values.effectiveFrom}
          placeholder="选择日期"
          className="poverty-lines__date"
          onChange={(date) => onChange('effectiveFrom', date)}
        />
      </StationFormField>
      <Button type="primary" size="large" loading={saving} disabled={saving} onClick={onAdd}>
        保存低保标准
      </Button>
    </View>
  );
}
