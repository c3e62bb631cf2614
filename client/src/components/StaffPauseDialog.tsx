import type { StationStatus } from '@ankang/shared';
import { Dialog } from '@nutui/nutui-react-taro';
import { Picker, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { StationFormField, StationTextInput } from './StationFormField';
import './StaffPauseDialog.scss';
import './ChoiceChips.scss';

/** A temporary closure's details; `until` is an ISO time with +08:00, or absent for open-ended. */
export type PauseInput = Omit<Extract<StationStatus, { state: 'temporarilyClosed' }>, 'state'>;

export interface StaffPauseDialogProps {
  visible: boolean;
  stationName: string;
  onConfirm: (input: PauseInput) => void;
  onCancel: () => void;
}

/** 暂停开放: why (required) and, optionally, when it reopens (Beijing time). */
export function StaffPauseDialog({ visible, stationName, onConfirm, onCancel }: StaffPauseDialogProps) {
  const [reason, setReason] = useState('');
  const [date, setDate] = useState('');
  const [time, setTime] = useState('08:00');
  const [error, setError] = useState('');

  useEffect(() => {
    if (visible) {
      setReason('');
      setDate('');
      setTime('08:00');
      setError('');
    }
  }, [visible]);

  const confirm = () => {
    if (!reason.trim()) {
      setError('请填写暂停原因');
      return;
    }
    onConfirm({ reason: reason.trim(), until: date ? `${date}T${time}:00+08:00` : undefined });
  };

  return (
    <Dialog
      className="staff-pause"
      visible={visible}
      title={`暂停开放 · ${stationName}`}
      confirmText="确认暂停"
      cancelText="取消"
      onConfirm={confirm}
      onCancel={onCancel}
      // NutUI calls onClose right after onConfirm; the parent closes the dialog itself (and keeps it
      // open when the input is refused), so closing goes only through 取消 and a confirmed answer.
      onClose={() => undefined}
      closeOnOverlayClick={false}
    >
      <View className="staff-pause__body">
        <StationFormField label="暂停原因" name="reason" required error={error}>
          <StationTextInput value={reason} onChange={setReason} placeholder="例如 设备检修" maxlength={60} />
        </StationFormField>
        <StationFormField label="预计恢复时间" name="until" hint="不确定可不填">
          <View className="choice-chips">
            <Picker mode="date" value={date} onChange={(event) => setDate(String(event.detail.value))}>
              <View className={`choice-chips__chip${date ? ' choice-chips__chip--on' : ''}`}>
                <Text>{date || '选择日期'}</Text>
              </View>
            </Picker>
            <Picker mode="time" value={time} onChange={(event) => setTime(String(event.detail.value))}>
              <View className="choice-chips__chip">
                <Text>{time}</Text>
              </View>
            </Picker>
            {date ? (
              <View className="choice-chips__chip" onClick={() => setDate('')}>
                <Text>清除</Text>
              </View>
            ) : null}
          </View>
        </StationFormField>
      </View>
    </Dialog>
  );
}
