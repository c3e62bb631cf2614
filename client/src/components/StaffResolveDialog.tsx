import { Dialog } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { StationFormField, StationTextInput } from './StationFormField';
// Styled as the pause dialog: it carries the same `staff-pause` class.
import './StaffPauseDialog.scss';

/** 解决: an optional note on what was done, the answer everyone who reported it sees in 我的反馈. */
export function StaffResolveDialog({
  visible,
  onConfirm,
  onCancel,
}: {
  visible: boolean;
  onConfirm: (note: string) => void;
  onCancel: () => void;
}) {
  const [note, setNote] = useState('');
  useEffect(() => {
    if (visible) setNote('');
  }, [visible]);
  return (
    <Dialog
      className="staff-pause"
      visible={visible}
      title="标记为已解决"
      confirmText="确认解决"
      cancelText="取消"
      onConfirm={() => onConfirm(note)}
      onCancel={onCancel}
      // NutUI calls onClose right after onConfirm; the parent closes the dialog itself (and keeps it
      // open when the input is refused), so closing goes only through 取消 and a confirmed answer.
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
