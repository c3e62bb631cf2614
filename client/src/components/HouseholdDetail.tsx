import {
  consentMethodLabels,
  consentScopeLabels,
  employmentLabels,
  type HouseholdFile,
  hardshipCategoryLabels,
  hardshipCauseLabels,
  memberConditionLabels,
  memberRelationLabels,
  perCapitaMonthlyFen,
  type RevealedHousehold,
} from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { dayText, lineComparison, lineStanding, momentText, perMonth, rmb } from '../services/hardshipFormat';
import { HouseholdBadges } from './HouseholdBadges';
import './HouseholdDetail.scss';

export interface HouseholdDetailProps {
  file: HouseholdFile;
  /** The unmasked values, once revealed on this page. */
  revealed: RevealedHousehold | null;
  revealing?: boolean;
  onReveal: () => void;
}

function Fact({ label, value, name }: { label: string; value: string; name?: string }) {
  return (
    <View className={`household-detail__fact${name ? ` household-detail__fact--${name}` : ''}`}>
      <Text className="household-detail__label">{label}</Text>
      <Text className="household-detail__value">{value}</Text>
    </View>
  );
}

/**
 * A file as staff read it: masked until 查看完整信息 (then marked 已记录查看), the household and its
 * income with the per-capita figure worked out from the filed figures, the consent and the caseworker.
 */
export function HouseholdDetail({ file, revealed, revealing, onReveal }: HouseholdDetailProps) {
  const filedPerCapita = perCapitaMonthlyFen({
    annualIncomeFen: file.income.annualIncomeFen,
    annualFixedSpendingFen: file.income.annualFixedSpendingFen,
    householdSize: Math.max(1, file.members.length),
  });
  const line = file.povertyLine;
  return (
    <View className="household-detail">
      <View className="household-detail__card">
        <View className="household-detail__head">
          <Text className="household-detail__name">{file.headName}</Text>
          <Text className="household-detail__district">{file.orgName}</Text>
        </View>
        <HouseholdBadges file={file} />
        <Fact name="id" label="身份证号码" value={revealed?.idNumber ?? file.idNumberMasked} />
        <Fact name="phone" label="联系电话" value={revealed?.phone ?? file.phoneMasked} />
        <Fact name="address" label="住址" value={revealed?.address ?? file.address} />
        {revealed ? (
          <Text key="noted" className="household-detail__noted">
            已记录查看 · 离开本页后重新隐藏
          </Text>
        ) : (
          <Text
            key="reveal"
            className={`household-detail__reveal${revealing ? ' household-detail__reveal--busy' : ''}`}
            onClick={() => {
              if (!revealing) onReveal();
            }}
          >
            查看完整信息
          </Text>
        )}
        {file.exitDate ? <Fact label="脱困日期" value={dayText(file.exitDate)} /> : null}
        <Fact label="致困原因" value={file.causes.map((c) => hardshipCauseLabels[c]).join('、')} />
        <Fact label="帮扶责任人" value={file.caseworkerName} />
        {file.notes ? <Fact label="备注" value={file.notes} /> : null}
      </View>

      <Text className="household-detail__section">家庭成员（{file.members.length} 人）</Text>
      <View className="household-detail__card">
        {file.members.map((m) => (
          // A member has no id; relation, name and birth year tell the members of one household apart.
          <Text key={`${m.relation}-${m.name}-${m.birthYear}`} className="household-detail__member">
            {memberRelationLabels[m.relation]} · {m.name} · {m.birthYear} 年生 ·{' '}
            {memberConditionLabels[m.condition]} · {employmentLabels[m.employment]}
          </Text>
        ))}
      </View>

      <Text className="household-detail__section">收入（建档时）</Text>
      <View className="household-detail__card">
        <Fact label="年可支配收入" value={rmb(file.income.annualIncomeFen)} />
        <Fact label="年刚性支出" value={rmb(file.income.annualFixedSpendingFen)} />
        <Fact label="年医疗意外支出" value={rmb(file.income.medicalAccidentCostsFen)} />
        <Fact name="perCapita" label="人均月收入" value={perMonth(filedPerCapita)} />
        {file.perCapitaMonthlyFen !== filedPerCapita ? (
          <Fact label="最近一次走访" value={perMonth(file.perCapitaMonthlyFen)} />
        ) : null}
        {line ? (
          <Text
            className={`household-detail__line household-detail__line--${lineStanding(file.perCapitaMonthlyFen, line.monthlyFen)}`}
          >
            {lineComparison(file.perCapitaMonthlyFen, line.monthlyFen)} · {line.orgName}{' '}
            {dayText(line.effectiveFrom)}起执行
          </Text>
        ) : (
          <Text className="household-detail__line">本地尚未设置低保标准</Text>
        )}
        {file.suggestedCategory && file.suggestedCategory !== file.category ? (
          <Text className="household-detail__hint">
            按标准建议归为“{hardshipCategoryLabels[file.suggestedCategory]}”（由工作人员判断）
          </Text>
        ) : null}
      </View>

      <Text className="household-detail__section">同意记录</Text>
      <View className="household-detail__card">
        <Fact
          label="同意人"
          value={`${file.consent.givenBy}（${memberRelationLabels[file.consent.relation]}）`}
        />
        <Fact label="同意日期" value={dayText(file.consent.date)} />
        <Fact label="同意范围" value={file.consent.scopes.map((s) => consentScopeLabels[s]).join('、')} />
        <Fact label="方式" value={consentMethodLabels[file.consent.method]} />
        <Fact label="记录人" value={`${file.consent.recordedBy} · ${momentText(file.consent.recordedAt)}`} />
      </View>
    </View>
  );
}
