import { type ReportKind, reportKindLabels } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import './FeedbackForm.scss';

const kinds = Object.keys(reportKindLabels) as ReportKind[];

export interface ReportFormProps {
  submitting: boolean;
  onSubmit: (input: { kind: ReportKind; text: string }) => void;
}

/** 反映问题: what is wrong (one kind) and, optionally, a description; goes to the union's queue. */
export function ReportForm({ submitting, onSubmit }: ReportFormProps) {
  const [kind, setKind] = useState<ReportKind | null>(null);
  const [text, setText] = useState('');

  return (
    <View className="feedback-form report-form">
      <View className="feedback-form__chips">
        {kinds.map((k) => (
          <Text
            key={k}
            className={`feedback-form__chip${kind === k ? ' feedback-form__chip--on' : ''}`}
            onClick={() => setKind(k)}
          >
            {reportKindLabels[k]}
          </Text>
        ))}
      </View>
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
