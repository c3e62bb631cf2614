import {
  employmentLabels,
  housingProblemLabels,
  largeSpendingKindLabels,
  memberRelationLabels,
  type Visit,
  visitIncidentKindLabels,
  visitModeLabels,
  visitRiskLabels,
} from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { correctsText, dayText, lineComparison, perMonth, rmb } from '../services/hardshipFormat';
import './VisitCard.scss';

export interface VisitCardProps {
  visit: Visit;
  /** The date of the visit this one corrects, when it is among the visits shown. */
  correctsDate?: string;
  onCorrect: () => void;
}

/** One visit on a file's timeline: the figures (per-capita computed by the server), what changed, and 更正. */
export function VisitCard({ visit, correctsDate, onCorrect }: VisitCardProps) {
  const corrected = (visit.correctedBy?.length ?? 0) > 0;
  return (
    <View className={`visit-card${corrected ? ' visit-card--corrected' : ''}`} data-id={visit.id}>
      <View className="visit-card__head">
        <Text className="visit-card__date">
          {dayText(visit.visitedOn)} · {visitModeLabels[visit.mode]}
        </Text>
        <Text className={`visit-card__risk visit-card__risk--${visit.risk}`}>
          风险{visitRiskLabels[visit.risk]}
        </Text>
      </View>
      {visit.corrects ? (
        <Text className="visit-card__corrects">
          {correctsDate ? correctsText(correctsDate) : '更正了一条较早的记录'}
        </Text>
      ) : null}
      {corrected ? <Text className="visit-card__stale">已更正 · 以更正后的记录为准</Text> : null}
      <Text className="visit-card__line">
        人均月收入 {perMonth(visit.perCapitaMonthlyFen)} · {visit.householdSize} 人
      </Text>
      {visit.povertyLineFen !== undefined ? (
        <Text className="visit-card__quiet">
          {lineComparison(visit.perCapitaMonthlyFen, visit.povertyLineFen)}
        </Text>
      ) : null}
      <Text className="visit-card__quiet">
        年收入 {rmb(visit.annualIncomeFen)} · 刚性支出 {rmb(visit.annualFixedSpendingFen)}
      </Text>
      {visit.earners.length > 0 ? (
        <Text className="visit-card__quiet">
          劳动力：
          {visit.earners
            .map(
              (e) =>
                `${memberRelationLabels[e.relation]}${employmentLabels[e.employment]}${e.changedSinceLastVisit ? '（有变化）' : ''}`,
            )
            .join('、')}
        </Text>
      ) : null}
      {visit.illnessOrAccident ? (
        <Text className="visit-card__alert">
          {visitIncidentKindLabels[visit.illnessOrAccident.kind]}：{visit.illnessOrAccident.description}，预计
          {rmb(visit.illnessOrAccident.expectedCostFen)}
        </Text>
      ) : null}
      {visit.largeSpending.length > 0 ? (
        <Text className="visit-card__quiet">
          大额支出：
          {visit.largeSpending
            .map(
              (s) => `${largeSpendingKindLabels[s.kind]} ${rmb(s.amountFen)}${s.note ? `（${s.note}）` : ''}`,
            )
            .join('、')}
        </Text>
      ) : null}
      {visit.housing.length > 0 ? (
        <Text className="visit-card__quiet">
          住房：{visit.housing.map((h) => housingProblemLabels[h]).join('、')}
          {visit.housingNote ? `（${visit.housingNote}）` : ''}
        </Text>
      ) : null}
      {visit.notes ? <Text className="visit-card__notes">{visit.notes}</Text> : null}
      <View className="visit-card__foot">
        <Text className="visit-card__who">
          {visit.visitorName} · 下次走访 {dayText(visit.nextVisitDue)}
        </Text>
        <Text className="visit-card__correct" onClick={onCorrect}>
          更正
        </Text>
      </View>
    </View>
  );
}
