import type { ManagedStation } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { STALE_DAYS } from '../services/staffStations';
import { isStale, verifiedLabel } from '../services/verifiedLabel';
import './StaffStationRow.scss';

export interface StaffStationRowProps {
  station: ManagedStation;
  /** An action on this row is running. */
  busy?: boolean;
  onEdit: () => void;
  onVerify: () => void;
  onPause: () => void;
  onResume: () => void;
}

/** The station's state in words and tone: open now, closed now, paused (with the reason) or closed for good. */
export function statusText(station: ManagedStation): { text: string; tone: 'open' | 'closed' | 'paused' } {
  const { status } = station;
  if (status.state === 'temporarilyClosed') return { text: `暂停开放：${status.reason}`, tone: 'paused' };
  if (status.state === 'closed') return { text: '已关闭', tone: 'closed' };
  return { text: station.hoursLabel, tone: station.open ? 'open' : 'closed' };
}

/** One managed station: what needs attention at a glance, and the day-to-day actions. */
export function StaffStationRow({
  station,
  busy,
  onEdit,
  onVerify,
  onPause,
  onResume,
}: StaffStationRowProps) {
  const status = statusText(station);
  const verified = verifiedLabel(station.lastVerifiedAt);
  const paused = station.status.state !== 'open';
  return (
    <View className="staff-station" data-id={station.id}>
      <View className="staff-station__head">
        <Text className="staff-station__name">{station.name}</Text>
        {station.openReports > 0 ? (
          <Text className="staff-station__reports">{station.openReports} 个问题</Text>
        ) : null}
      </View>
      <Text className="staff-station__district">{station.district}</Text>
      <View className="staff-station__facts">
        <Text className={`staff-station__status staff-station__status--${status.tone}`}>{status.text}</Text>
        <Text
          className={`staff-station__verified${isStale(station.lastVerifiedAt, STALE_DAYS) ? ' staff-station__verified--stale' : ''}`}
        >
          {verified}
        </Text>
      </View>
      <View className="staff-station__actions">
        <Button className="staff-station__edit" size="normal" type="primary" fill="outline" onClick={onEdit}>
          编辑
        </Button>
        <Button
          className="staff-station__verify"
          size="normal"
          type="primary"
          fill="outline"
          disabled={busy}
          ariaLabel="核实：确认驿站信息今天已核对无误"
          onClick={onVerify}
        >
          核实
        </Button>
        {paused ? (
          <Button
            className="staff-station__resume"
            size="normal"
            type="primary"
            disabled={busy}
            onClick={onResume}
          >
            恢复开放
          </Button>
        ) : (
          <Button
            className="staff-station__pause"
            size="normal"
            type="default"
            disabled={busy}
            onClick={onPause}
          >
            暂停开放
          </Button>
        )}
      </View>
    </View>
  );
}
