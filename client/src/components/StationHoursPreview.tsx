import { type OpeningHours, weekSchedule } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { useMemo } from 'react';
import './StationHoursPreview.scss';

/** The next seven days as workers will see them, recomputed as the hours text changes. */
export function StationHoursPreview({ hours }: { hours: OpeningHours }) {
  const days = useMemo(() => weekSchedule(hours, new Date()), [hours]);
  return (
    <View className="staff-hours">
      <Text className="staff-hours__title">未来 7 天开放预览</Text>
      {days.map((day) => (
        <View
          key={day.date}
          className={`staff-hours__day${day.isToday ? ' staff-hours__day--today' : ''}${day.isException ? ' staff-hours__day--exception' : ''}`}
        >
          <Text className="staff-hours__weekday">
            {day.isToday ? '今天' : day.weekdayLabel} {day.date.slice(5)}
          </Text>
          <Text className="staff-hours__text">
            {day.text}
            {day.note ? `（${day.note}）` : ''}
          </Text>
        </View>
      ))}
    </View>
  );
}
