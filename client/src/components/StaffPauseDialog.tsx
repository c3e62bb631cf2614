import { REOPEN_MAX_DAYS, reopenTimeProblem, type StationStatus, shiftDateByDays } from '@ankang/shared';
import { Dialog } from '@nutui/nutui-react-taro';
import { Picker, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { todayInShanghai } from '../services/outreachDates';
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

/**
 * 暂停开放: why (required) and, optionally, when it reopens (Beijing time): from today to a year
 * ahead on the date picker, and a time already past refused before sending (the server checks the
 * same rule, see reopenTimeProblem).
 */
export function StaffPauseDialog({ visible, stationName, onConfirm, onCancel }: StaffPauseDialogProps) {
  const [reason, setReason] = useState('');
  const [date, setDate] = useState('');
  const [time, setTime] = useState('08:00');
  const [error, setError] = useState('');
  const [untilError, setUntilError] = useState('');
  const today = todayInShanghai();

  useEffect(() => {
    if (visible) {
      setReason('');
      setDate('');
      setTime('08:00');
      setError('');
      setUntilError('');
    }
  }, [visible]);

  const confirm = () => {
    const until = date ? `${date}T${time}:00+08:00` : undefined;
    const problem = until ? reopenTimeProblem(until, new Date()) : null;
    setError(reason.trim() ? '' : '请填写暂停原因');
    setUntilError(problem ?? '');
    if (!reason.trim() || problem) return;
    onConfirm({ reason: reason.trim(), until });
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
        <StationFormField
          label="预计恢复时间"
          name="until"
          hint="不确定可不填；最晚一年以内"
          error={untilError}
        >
          <View className="choice-chips">
            <Picker
              mode="date"
              value={date || today}
              start={today}
              end={shiftDateByDays(today, REOPEN_MAX_DAYS - 1)}
              onChange={(event) => {
                setDate(String(event.detail.value));
                setUntilError('');
              }}
            >
              <View className={`choice-chips__chip${date ? ' choice-chips__chip--on' : ''}`}>
                <Text>{date || '选择日期'}</Text>
              </View>
            </Picker>
            <Picker
              mode="time"
              value={time}
              onChange={(event) => {
                setTime(String(event.detail.value));
                setUntilError('');
              }}
            >
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
