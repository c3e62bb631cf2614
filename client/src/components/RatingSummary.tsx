import type { RatingSummary as Summary } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import './RatingSummary.scss';

/** Average stars and how many rated, with the 5…1 star bars. */
export function RatingSummary({ rating }: { rating: Summary }) {
  if (rating.count === 0) return <Text className="rating-summary__none">还没有人评价，欢迎您来评价。</Text>;
  const max = Math.max(...rating.stars, 1);
  return (
    <View className="rating-summary">
      <View className="rating-summary__score">
        <Text className="rating-summary__average">{rating.average.toFixed(1)}</Text>
        <Text className="rating-summary__count">{`${rating.count} 人评价`}</Text>
      </View>
      <View className="rating-summary__bars">
        {[5, 4, 3, 2, 1].map((star) => (
          <View key={star} className="rating-summary__bar-row">
            <Text className="rating-summary__bar-label">{`${star}星`}</Text>
            <View className="rating-summary__bar">
              <View
                className="rating-summary__bar-fill"
                style={{ width: `${Math.round(((rating.stars[star - 1] ?? 0) / max) * 100)}%` }}
              />
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
