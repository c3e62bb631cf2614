import {
  type AlertOutcome,
  alertOutcomeKindLabels,
  hardshipCategoryLabels,
  helpMeasureLabels,
} from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useFormFields } from '../hooks/useFormFields';
import { emptyOutcomeForm, type OutcomeFormValues, outcomeOf } from '../services/alertOutcomeForm';
import { ChoiceChips, choicesOf } from './ChoiceChips';
import { StationFormField, StationTextInput } from './StationFormField';
import './AlertForms.scss';

const kinds = choicesOf(alertOutcomeKindLabels);
const measures = choicesOf(helpMeasureLabels);
const categories = choicesOf(hardshipCategoryLabels);

export interface AlertOutcomeFormProps {
  busy: boolean;
  onSubmit: (outcome: AlertOutcome) => void;
  onCancel: () => void;
}

/**
 * 办结: how the alert was closed — 无需帮扶 (with the reason), 已帮扶 (measures, optional amount),
 * 重新建档 (the new category: the household's file changes with it) or 转介 (to whom) — and a note.
 */
export function AlertOutcomeForm({ busy, onSubmit, onCancel }: AlertOutcomeFormProps) {
  const { values, errors, set, setErrors } = useFormFields<OutcomeFormValues>(emptyOutcomeForm);
  const submit = () => {
    const checked = outcomeOf(values);
    if ('errors' in checked) setErrors(checked.errors);
    else onSubmit(checked.outcome);
  };
  const { kind } = values;

  return (
    <View className="alert-form alert-form--outcome">
      <Text className="alert-form__title">办结预警</Text>
      <StationFormField label="办结方式" name="outcomeKind" required error={errors.kind}>
        <ChoiceChips choices={kinds} selected={kind ? [kind] : []} onToggle={(v) => set('kind', v)} />
      </StationFormField>
      {kind === 'helped' ? (
        <>
          <StationFormField label="帮扶措施" name="measures" required error={errors.measures}>
            <ChoiceChips
              choices={measures}
              selected={values.measures}
              onToggle={(v) =>
                set(
                  'measures',
                  values.measures.includes(v)
                    ? values.measures.filter((m) => m !== v)
                    : [...values.measures, v],
                )
              }
            />
          </StationFormField>
          <StationFormField label="帮扶金额（元）" name="amount" error={errors.amount} hint="选填">
            <StationTextInput type="digit" value={values.amount} onChange={(v) => set('amount', v)} />
          </StationFormField>
        </>
      ) : null}
      {kind === 'refiled' ? (
        <StationFormField
          label="新的困难类别"
          name="category"
          required
          error={errors.category}
          hint="办结后档案类别随即更改"
        >
          <ChoiceChips
            choices={categories}
            selected={values.category ? [values.category] : []}
            onToggle={(v) => set('category', v)}
          />
        </StationFormField>
      ) : null}
      {kind === 'referred' ? (
        <StationFormField label="转介至" name="referredTo" required error={errors.referredTo}>
          <StationTextInput
            value={values.referredTo}
            onChange={(v) => set('referredTo', v)}
            placeholder="例如 民政部门"
            maxlength={40}
          />
        </StationFormField>
      ) : null}
      {kind ? (
        <StationFormField
          label={kind === 'noHelp' ? '无需帮扶的理由' : '办结说明'}
          name="outcomeNote"
          required={kind === 'noHelp'}
          error={errors.note}
        >
          <StationTextInput multiline value={values.note} onChange={(v) => set('note', v)} maxlength={200} />
        </StationFormField>
      ) : null}
      <View className="alert-form__actions">
        <Button className="alert-form__cancel" type="primary" fill="outline" size="large" onClick={onCancel}>
          取消
        </Button>
        <Button className="alert-form__submit" type="primary" size="large" loading={busy} onClick={submit}>
          确认办结
        </Button>
      </View>
    </View>
  );
}
