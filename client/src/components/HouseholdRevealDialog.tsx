import { Dialog } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ChoiceChips } from './ChoiceChips';
import { StationFormField, StationTextInput } from './StationFormField';
import './HouseholdRevealDialog.scss';

const presets = ['入户核实身份', '联系户主', '办理帮扶手续'] as const;
const MIN = 2;
const MAX = 60;

export interface HouseholdRevealDialogProps {
  visible: boolean;
  busy?: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

/**
 * 查看完整信息: asks why first (a preset or the staff member's own words, 2–60 characters); the
 * reason goes into the file's access record with who asked and when.
 */
export function HouseholdRevealDialog({ visible, busy, onConfirm, onCancel }: HouseholdRevealDialogProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    if (visible) {
      setText('');
      setError('');
    }
  }, [visible]);

  const confirm = () => {
    if (busy) return;
    const reason = text.trim();
    if (reason.length < MIN || reason.length > MAX) {
      setError(`请填写查看原因（${MIN}–${MAX} 个字）`);
      return;
    }
    onConfirm(reason);
  };
  const pick = (preset: string) => {
    setText(preset);
    setError('');
  };

  return (
    <Dialog
      className="household-reveal"
      visible={visible}
      title="查看完整信息"
      confirmText={busy ? '正在查看…' : '查看'}
      cancelText="取消"
      onConfirm={confirm}
      onCancel={onCancel}
      // NutUI calls onClose right after onConfirm; the page closes the dialog once the reveal answered.
      onClose={() => undefined}
      closeOnOverlayClick={false}
    >
      <View className="household-reveal__body">
        <Text className="household-reveal__message">
          完整的身份证号码、电话和住址只在本页显示，离开即隐藏。查看会记录您的姓名、时间和原因，上级工会可查。
        </Text>
        <StationFormField label="查看原因" name="revealReason" required error={error}>
          <ChoiceChips
            choices={presets.map((p) => ({ value: p, label: p }))}
            selected={presets.filter((p) => p === text.trim())}
            onToggle={pick}
          />
          <View className="household-reveal__text">
            <StationTextInput
              multiline
              value={text}
              onChange={(value) => {
                setText(value);
                if (error) setError('');
              }}
              placeholder="或填写其他原因"
              maxlength={MAX}
            />
          </View>
        </StationFormField>
      </View>
    </Dialog>
  );
}
