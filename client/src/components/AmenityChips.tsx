import { type AmenityCode, amenityLabels } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import './AmenityChips.scss';

/** What a station offers, as short text chips (text renders the same in WeChat and the browser). */
export function AmenityChips({
  codes,
  large = false,
  max = codes.length,
  matched = [],
}: {
  codes: readonly AmenityCode[];
  large?: boolean;
  /** In a list row, a few chips and a count keep the row short; the detail page shows all. */
  max?: number;
  /** Those the worker filtered by: drawn stronger (the caller puts them first). */
  matched?: readonly AmenityCode[];
}) {
  if (codes.length === 0) return null;
  const shown = codes.length > max ? codes.slice(0, max - 1) : codes;
  return (
    <View className={`amenity-chips${large ? ' amenity-chips--large' : ''}`}>
      {shown.map((code) => (
        <Text
          key={code}
          className={`amenity-chips__chip${matched.includes(code) ? ' amenity-chips__chip--matched' : ''}`}
        >
          {amenityLabels[code]}
        </Text>
      ))}
      {shown.length < codes.length ? (
        <Text className="amenity-chips__chip amenity-chips__chip--more">{`等 ${codes.length} 项`}</Text>
      ) : null}
    </View>
  );
}
