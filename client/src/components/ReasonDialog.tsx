import { Dialog } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ReasonCheck } from '../services/reasonRule';
import { StationFormField, StationTextInput } from './StationFormField';
import './ReasonDialog.scss';

export interface ReasonDialogProps {
  /** Open while true; the text starts empty each time it opens. */
  visible: boolean;
  /** What is being refused, e.g. `婉拒任务 · 某工地`. */
  title: string;
  /** The field's label, saying who will read the reason. */
  label: string;
  placeholder: string;
  confirmText?: string;
  /** The route's own rule for the reason (its body schema), so the dialog refuses what the API would. */
  check: (reason: string) => ReasonCheck;
  /**
   * The reason is on its way: the confirm button says so and is disabled. Only a look: the hook
   * that sends (its ref) is what stops a second send, even two taps before this redraw.
   */
  busy?: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/**
 * A refusal that must say why (a volunteer's 婉拒, staff's 不予采纳): one required reason, checked
 * before it is sent. It stays open after 确认 — the page closes it once the answer is stored, so a
 * failed send keeps what was typed.
 */
export function ReasonDialog({
  visible,
  title,
  label,
  placeholder,
  confirmText = '确认',
  check,
  busy = false,
  onConfirm,
  onCancel,
}: ReasonDialogProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    if (visible) {
      setReason('');
      setError('');
    }
  }, [visible]);

  const confirm = () => {
    const checked = check(reason);
    if ('error' in checked) setError(checked.error);
    else onConfirm(checked.reason);
  };

  return (
    <Dialog
      className="reason-dialog"
      visible={visible}
      title={title}
      confirmText={busy ? '正在提交…' : confirmText}
      cancelText="取消"
      disableConfirmButton={busy}
      onConfirm={confirm}
      onCancel={onCancel}
      // NutUI calls onClose right after onConfirm; the page closes the dialog itself once the answer
      // is stored (and it stays open when the reason is refused).
      onClose={() => undefined}
      closeOnOverlayClick={false}
    >
      <View className="reason-dialog__body">
        <StationFormField label={label} name="reason" required error={error}>
          <StationTextInput
            multiline
            value={reason}
            onChange={(value) => {
              setReason(value);
              setError('');
            }}
            placeholder={placeholder}
            maxlength={100}
          />
        </StationFormField>
      </View>
    </Dialog>
  );
}
