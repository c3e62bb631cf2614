import { Text, View } from '@tarojs/components';
import { lineComparison, lineStanding, perMonth } from '../services/hardshipFormat';
import './PerCapitaLive.scss';

export interface PerCapitaLiveProps {
  /** Null until income, spending and household size are readable. */
  perCapitaFen: number | null;
  householdSize: number;
  /** The 低保 line in force (monthly fen), when known. */
  lineFen?: number;
}

/**
 * 人均月收入 as typed: (income − fixed spending) ÷ 12 ÷ size, worked out on the phone for the eye
 * and compared with the 低保 line; the server computes the stored figure itself.
 */
export function PerCapitaLive({ perCapitaFen, householdSize, lineFen }: PerCapitaLiveProps) {
  if (perCapitaFen === null) {
    return (
      <View className="per-capita per-capita--empty">
        <Text className="per-capita__hint">填写收入、刚性支出和家庭人数后显示人均月收入</Text>
      </View>
    );
  }
  const standing = lineFen !== undefined ? lineStanding(perCapitaFen, lineFen) : null;
  return (
    <View className={`per-capita${standing ? ` per-capita--${standing}` : ''}`}>
      <Text className="per-capita__label">人均月收入（按 {householdSize} 人）</Text>
      <Text className="per-capita__value">{perMonth(perCapitaFen)}</Text>
      <Text className="per-capita__hint">
        {lineFen !== undefined ? lineComparison(perCapitaFen, lineFen) : '本地尚未设置低保标准'}
      </Text>
    </View>
  );
}
