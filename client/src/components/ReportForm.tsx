import { reportKindLabels } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Textarea, View } from '@tarojs/components';
import type { ReportDraft } from '../services/stationDrafts';
import type { ReportInput } from '../services/stations';
import { buttonA11y } from './buttonA11y';
import { ChoiceChips, choicesOf } from './ChoiceChips';
import './FeedbackForm.scss';

const kindChoices = choicesOf(reportKindLabels);

export interface ReportFormProps {
  /** What is chosen and typed so far (kept on the phone by the page, so signing in loses nothing). */
  value: ReportDraft;
  /** An updater of the kept draft (taps faster than a render still all count). */
  onChange: (update: (current: ReportDraft) => ReportDraft) => void;
  submitting: boolean;
  onSubmit: (input: Omit<ReportInput, 'requestId'>) => void;
}

/** 反映问题: what is wrong (one kind) and, optionally, a description; goes to the union's queue. */
export function ReportForm({ value, onChange, submitting, onSubmit }: ReportFormProps) {
  const { kind, text } = value;
  return (
    <View className="feedback-form report-form">
      <ChoiceChips
        choices={kindChoices}
        selected={kind ? [kind] : []}
        onToggle={(kind) => onChange((current) => ({ ...current, kind }))}
      />
      <Textarea
        className="feedback-form__text"
        value={text}
        maxlength={200}
        placeholder="请描述具体情况（选填，最多 200 字）"
        onInput={(event) => {
          const text = event.detail.value;
          onChange((current) => ({ ...current, text }));
        }}
      />
      <Button
        className="feedback-form__submit"
        type="primary"
        fill="outline"
        size="large"
        block
        {...buttonA11y(kind === null)}
        disabled={kind === null}
        loading={submitting}
        onClick={() => kind && onSubmit({ kind, text: text.trim() })}
      >
        {kind === null ? '请先选择问题类型' : '提交问题'}
      </Button>
    </View>
  );
}
