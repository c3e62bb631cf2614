import type { ScheduleDay } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import './HoursWeek.scss';

/** 2026-10-01 → 10月1日 */
const shortDate = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/**
 * The coming seven days' hours, today first and marked; holidays and closures show their note.
 * `dimmed` greys the week while the station is paused: the usual hours, not what applies now.
 */
export function HoursWeek({ days, dimmed = false }: { days: ScheduleDay[]; dimmed?: boolean }) {
  return (
    <View className={`hours-week${dimmed ? ' hours-week--dimmed' : ''}`}>
      {days.map((day) => (
        <View
          key={day.date}
          className={`hours-week__day${day.isToday ? ' hours-week__day--today' : ''}${day.isException ? ' hours-week__day--exception' : ''}`}
        >
          <View className="hours-week__when">
            <Text className="hours-week__weekday">
              {day.isToday ? `今天（${day.weekdayLabel}）` : day.weekdayLabel}
            </Text>
            <Text className="hours-week__date">{shortDate(day.date)}</Text>
          </View>
          <View className="hours-week__hours">
            <Text className="hours-week__text">{day.text}</Text>
            {day.note ? <Text className="hours-week__note">{day.note}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}
