import { Dialog } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { StationFormField, StationTextInput } from './StationFormField';
// Styled as the pause dialog: it carries the same `staff-pause` class.
import './StaffPauseDialog.scss';

/**
 * 解决: an optional note on what was done, the answer everyone who reported it sees in 我的反馈.
 * The page closes it once the answer is stored; while it is sent, and after a failure, the dialog
 * stays open with the note as typed (a lost network never costs staff what they wrote).
 */
export function StaffResolveDialog({
  visible,
  busy,
  onConfirm,
  onCancel,
}: {
  visible: boolean;
  /** The answer is on its way: 确认解决 says so and is disabled (the sending hook's ref stops a second send). */
  busy: boolean;
  onConfirm: (note: string) => void;
  onCancel: () => void;
}) {
  const [note, setNote] = useState('');
  // A new problem to resolve starts empty; a failed try keeps the dialog (and the note) open.
  useEffect(() => {
    if (visible) setNote('');
  }, [visible]);
  return (
    <Dialog
      className="staff-pause"
      visible={visible}
      title="标记为已解决"
      confirmText={busy ? '正在提交…' : '确认解决'}
      cancelText="取消"
      disableConfirmButton={busy}
      onConfirm={() => onConfirm(note)}
      onCancel={onCancel}
      // NutUI calls onClose right after onConfirm; the parent closes the dialog itself (and keeps it
      // open when the send fails), so closing goes only through 取消 and a stored answer.
      onClose={() => undefined}
      closeOnOverlayClick={false}
    >
      <View>
        <StationFormField
          label="处理说明"
          name="note"
          hint="反映人会在“我的反馈”里看到，例如 已更换饮水机滤芯（可不填）"
        >
          <StationTextInput multiline value={note} onChange={setNote} maxlength={200} />
        </StationFormField>
      </View>
    </Dialog>
  );
}
