import type { HardshipPolicySource } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { policyRuleLines, sourceLabel } from '../services/hardshipPolicyFormat';
import './PolicyRules.scss';

export interface PolicyRulesProps {
  /** What applies at the node and where it comes from. */
  source: HardshipPolicySource;
  /** The node shown, so its own setting reads 本级设置. */
  orgPath: string;
}

/** The rules a node applies, one plain sentence each with what it raises, under where they come from. */
export function PolicyRules({ source, orgPath }: PolicyRulesProps) {
  const label = sourceLabel(source, orgPath);
  const own = source.fromOrgPath === orgPath;
  return (
    <View className="policy-rules">
      <View className="policy-rules__head">
        <Text className="policy-rules__title">预警规则（第 {source.policy.version} 版）</Text>
        <Text className={`policy-rules__source${own ? ' policy-rules__source--own' : ''}`}>{label}</Text>
      </View>
      {policyRuleLines(source.policy).map((line) => (
        <View key={line.key} className={`policy-rules__row policy-rules__row--${line.key}`}>
          <Text className="policy-rules__when">{line.when}</Text>
          <Text className={`policy-rules__raises policy-rules__raises--${line.tone}`}>→ {line.raises}</Text>
        </View>
      ))}
    </View>
  );
}
