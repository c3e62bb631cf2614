import { Dialog } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { type ReactNode, useEffect, useState } from 'react';
import { StationFormField, StationTextInput } from './StationFormField';
import './StaffCampaignDialog.scss';

/** A reason the action needs (不通过, 取消任务, 查看完整号码): required, with the API's length limits. */
export interface DialogReason {
  label: string;
  placeholder?: string;
  hint?: string;
  min: number;
  max: number;
}

export interface StaffCampaignDialogProps {
  visible: boolean;
  title: string;
  /** What will happen, said before it does. */
  message?: ReactNode;
  confirmText: string;
  /** Asks for a reason first; the confirm is refused until it is long enough. */
  reason?: DialogReason;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/**
 * The confirmation before a consequential step of the outreach pages (a status move, a review, a
 * cancelled task, revealing a phone), with the reason when the step needs one.
 */
export function StaffCampaignDialog({
  visible,
  title,
  message,
  confirmText,
  reason,
  onConfirm,
  onCancel,
}: StaffCampaignDialogProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    if (visible) {
      setText('');
      setError('');
    }
  }, [visible]);

  const confirm = () => {
    const trimmed = text.trim();
    if (reason && trimmed.length < reason.min) {
      setError(`请填写${reason.label}（至少 ${reason.min} 个字）`);
      return;
    }
    onConfirm(trimmed);
  };

  return (
    <Dialog
      className="staff-campaign-dialog"
      visible={visible}
      title={title}
      confirmText={confirmText}
      cancelText="取消"
      onConfirm={confirm}
      onCancel={onCancel}
      // NutUI calls onClose right after onConfirm; the parent closes the dialog itself (and keeps it
      // open when the input is refused), so closing goes only through 取消 and a confirmed answer.
      onClose={() => undefined}
      closeOnOverlayClick={false}
    >
      <View className="staff-campaign-dialog__body">
        {message ? <Text className="staff-campaign-dialog__message">{message}</Text> : null}
        {reason ? (
          <StationFormField label={reason.label} name="reason" required error={error} hint={reason.hint}>
            <StationTextInput
              multiline
              value={text}
              onChange={(value) => {
                setText(value);
                if (error) setError('');
              }}
              placeholder={reason.placeholder}
              maxlength={reason.max}
            />
          </StationFormField>
        ) : null}
      </View>
    </Dialog>
  );
}
