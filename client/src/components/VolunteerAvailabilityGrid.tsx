import { type AvailabilitySlot, halfDayLabels } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { dateLabel, weeksOf } from '../services/outreachDates';
import { hasSlot } from '../services/volunteerForm';
import { OutreachWeekPager } from './OutreachWeekPager';
import './VolunteerAvailabilityGrid.scss';

const halfDays = ['am', 'pm'] as const;

export interface VolunteerAvailabilityGridProps {
  /** The dates that can be chosen, in order. */
  dates: string[];
  selected: readonly AvailabilitySlot[];
  onToggle: (date: string, slot: AvailabilitySlot['slot']) => void;
}

/** When the volunteer can go out: a week at a time, a row per day with 上午 and 下午 to tick. */
export function VolunteerAvailabilityGrid({ dates, selected, onToggle }: VolunteerAvailabilityGridProps) {
  const weeks = useMemo(() => weeksOf(dates), [dates]);
  const [week, setWeek] = useState(0);
  if (weeks.length === 0) return <Text className="volunteer-grid__none">本活动已没有可选的日期</Text>;
  const index = Math.min(week, weeks.length - 1);
  return (
    <View className="volunteer-grid">
      <OutreachWeekPager weeks={weeks} index={index} onChange={setWeek} />
      {(weeks[index] ?? []).map((date) => (
        <View key={date} className="volunteer-grid__row">
          <Text className="volunteer-grid__date">{dateLabel(date)}</Text>
          {halfDays.map((slot) => {
            const on = hasSlot(selected, date, slot);
            return (
              <View
                key={slot}
                className={`volunteer-grid__slot volunteer-grid__slot--${slot}${on ? ' volunteer-grid__slot--on' : ''}`}
                onClick={() => onToggle(date, slot)}
              >
                <Text>{on ? `✓ ${halfDayLabels[slot]}` : halfDayLabels[slot]}</Text>
              </View>
            );
          })}
        </View>
      ))}
      <Text className="volunteer-grid__count">
        {selected.length > 0 ? `已选 ${selected.length} 个时段` : '请至少选择一个时段'}
      </Text>
    </View>
  );
}
