import { type ReportKind, reportKindLabels } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { ReportInput } from '../services/stations';
import { ChoiceChips, choicesOf } from './ChoiceChips';
import './FeedbackForm.scss';

const kindChoices = choicesOf(reportKindLabels);

export interface ReportFormProps {
  submitting: boolean;
  onSubmit: (input: Omit<ReportInput, 'requestId'>) => void;
}

/** 反映问题: what is wrong (one kind) and, optionally, a description; goes to the union's queue. */
export function ReportForm({ submitting, onSubmit }: ReportFormProps) {
  const [kind, setKind] = useState<ReportKind | null>(null);
  const [text, setText] = useState('');

  return (
    <View className="feedback-form report-form">
      <ChoiceChips choices={kindChoices} selected={kind ? [kind] : []} onToggle={setKind} />
      <Textarea
        className="feedback-form__text"
        value={text}
        maxlength={200}
        placeholder="请描述具体情况（选填，最多 200 字）"
        onInput={(event) => setText(event.detail.value)}
      />
      <Button
        className="feedback-form__submit"
        type="primary"
        fill="outline"
        size="large"
        block
        disabled={kind === null}
        loading={submitting}
        onClick={() => kind && onSubmit({ kind, text: text.trim() })}
      >
        提交问题
      </Button>
    </View>
  );
}
