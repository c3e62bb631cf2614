import type { AlertEvidence as Evidence, HardshipRule } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { evidencePair, evidenceSentences } from '../services/hardshipAlertFormat';
import './AlertEvidence.scss';

/** Why the alert was raised, in plain sentences with the figures and the visits behind it. */
export function AlertEvidence({ alert }: { alert: { rule: HardshipRule; evidence: Evidence } }) {
  return (
    <View className="alert-evidence">
      {evidenceSentences(evidencePair(alert)).map((line, index) => (
        <Text
          key={line}
          className={`alert-evidence__line${index === 0 ? ' alert-evidence__line--lead' : ''}`}
        >
          {line}
        </Text>
      ))}
    </View>
  );
}
