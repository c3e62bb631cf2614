import { assignmentResponseSchema } from '@ankang/shared';
import { Dialog } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { StationFormField, StationTextInput } from './StationFormField';
import './VolunteerDeclineDialog.scss';

export interface VolunteerDeclineDialogProps {
  visible: boolean;
  siteName: string;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/** 婉拒: the reason is required (staff read it to reassign), checked with the API's own rule. */
export function VolunteerDeclineDialog({
  visible,
  siteName,
  onConfirm,
  onCancel,
}: VolunteerDeclineDialogProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    if (visible) {
      setReason('');
      setError('');
    }
  }, [visible]);

  const confirm = () => {
    const parsed = assignmentResponseSchema.safeParse({ decision: 'decline', reason });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请填写婉拒原因');
      return;
    }
    if (parsed.data.decision === 'decline') onConfirm(parsed.data.reason);
  };

  return (
    <Dialog
      className="volunteer-decline"
      visible={visible}
      title={`婉拒任务 · ${siteName}`}
      confirmText="确认婉拒"
      cancelText="取消"
      onConfirm={confirm}
      onCancel={onCancel}
      // NutUI calls onClose right after onConfirm; the page closes the dialog itself once the answer
      // is stored (and keeps it open when the reason is refused).
      onClose={() => undefined}
      closeOnOverlayClick={false}
    >
      <View className="volunteer-decline__body">
        <StationFormField label="婉拒原因" name="reason" required error={error}>
          <StationTextInput
            multiline
            value={reason}
            onChange={(value) => {
              setReason(value);
              setError('');
            }}
            placeholder="例如 当天临时有事"
            maxlength={100}
          />
        </StationFormField>
      </View>
    </Dialog>
  );
}
