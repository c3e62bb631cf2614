import { Text, View } from '@tarojs/components';
import { monthDay } from '../services/outreachDates';
import './OutreachWeekPager.scss';

export interface OutreachWeekPagerProps {
  weeks: string[][];
  index: number;
  onChange: (index: number) => void;
}

/** ‹ 上一周 · 7月1日 – 7月7日 · 下一周 ›: date choices a week at a time, large enough to tap. */
export function OutreachWeekPager({ weeks, index, onChange }: OutreachWeekPagerProps) {
  const week = weeks[index] ?? [];
  const first = week[0];
  const last = week.at(-1);
  const hasPrevious = index > 0;
  const hasNext = index < weeks.length - 1;
  return (
    <View className="outreach-week">
      <Text
        className={`outreach-week__step${hasPrevious ? '' : ' outreach-week__step--off'}`}
        onClick={() => hasPrevious && onChange(index - 1)}
      >
        ‹ 上一周
      </Text>
      <Text className="outreach-week__range">
        {first && last ? (first === last ? monthDay(first) : `${monthDay(first)} – ${monthDay(last)}`) : ''}
      </Text>
      <Text
        className={`outreach-week__step outreach-week__step--next${hasNext ? '' : ' outreach-week__step--off'}`}
        onClick={() => hasNext && onChange(index + 1)}
      >
        下一周 ›
      </Text>
    </View>
  );
}
