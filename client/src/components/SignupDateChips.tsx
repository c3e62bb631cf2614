import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { dateLabel, weeksOf } from '../services/outreachDates';
import { OutreachWeekPager } from './OutreachWeekPager';
import './ChoiceChips.scss';
import './SignupDateChips.scss';

export interface SignupDateChipsProps {
  /** The dates that can be chosen, in order (the rest of the season). */
  dates: string[];
  selected: readonly string[];
  max: number;
  onToggle: (date: string) => void;
}

/** Preferred dates, a week at a time; once `max` are chosen the others wait until one is dropped. */
export function SignupDateChips({ dates, selected, max, onToggle }: SignupDateChipsProps) {
  const weeks = useMemo(() => weeksOf(dates), [dates]);
  const [week, setWeek] = useState(0);
  if (weeks.length === 0) return <Text className="signup-dates__none">本活动已没有可选的日期</Text>;
  const full = selected.length >= max;
  return (
    <View className="signup-dates">
      <OutreachWeekPager weeks={weeks} index={Math.min(week, weeks.length - 1)} onChange={setWeek} />
      <View className="choice-chips">
        {(weeks[Math.min(week, weeks.length - 1)] ?? []).map((date) => {
          const on = selected.includes(date);
          const off = !on && full;
          return (
            <View
              key={date}
              className={`choice-chips__chip signup-dates__chip${on ? ' choice-chips__chip--on' : ''}${off ? ' signup-dates__chip--off' : ''}`}
              onClick={() => !off && onToggle(date)}
            >
              <Text>{on ? `✓ ${dateLabel(date)}` : dateLabel(date)}</Text>
            </View>
          );
        })}
      </View>
      <Text className="signup-dates__count">
        {selected.length > 0 ? `已选 ${selected.length} 天（最多 ${max} 天）` : `可不选，最多 ${max} 天`}
      </Text>
    </View>
  );
}
