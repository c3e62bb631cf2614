import { reviewSuggestion } from '@ankang/shared';
import { Dialog } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { StationFormField, StationTextInput } from './StationFormField';
import './VolunteerDeclineDialog.scss';

export interface SuggestionDeclineDialogProps {
  /** The suggested station's name, for the title; null: closed. */
  name: string | null;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/** 不予采纳: the reason is required (the worker reads it), checked with the API's own rule. */
export function SuggestionDeclineDialog({ name, onConfirm, onCancel }: SuggestionDeclineDialogProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    if (name !== null) {
      setReason('');
      setError('');
    }
  }, [name]);

  const confirm = () => {
    const parsed = reviewSuggestion.body.safeParse({ version: 1, decision: 'decline', reason });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请填写不予采纳的理由');
      return;
    }
    if (parsed.data.decision === 'decline') onConfirm(parsed.data.reason);
  };

  return (
    <Dialog
      className="volunteer-decline suggestion-decline"
      visible={name !== null}
      title={`不予采纳 · ${name ?? ''}`}
      confirmText="确认"
      cancelText="取消"
      onConfirm={confirm}
      onCancel={onCancel}
      // NutUI calls onClose right after onConfirm; the page closes the dialog once the answer is stored.
      onClose={() => undefined}
      closeOnOverlayClick={false}
    >
      <View className="volunteer-decline__body">
        <StationFormField label="理由（职工会看到）" name="reason" required error={error}>
          <StationTextInput
            multiline
            value={reason}
            onChange={(value) => {
              setReason(value);
              setError('');
            }}
            placeholder="例如 该处为私人场所，不对外开放"
            maxlength={100}
          />
        </StationFormField>
      </View>
    </Dialog>
  );
}
