import type { HouseholdSummary } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { dayText, perMonth } from '../services/hardshipFormat';
import { HouseholdBadges } from './HouseholdBadges';
import './HouseholdCard.scss';

export interface HouseholdCardProps {
  file: HouseholdSummary;
  onOpen: () => void;
  /** A 查看档案 button too (the card beside a table, where a tap on the card is not expected). */
  withButton?: boolean;
}

/**
 * One file in the list: the head's name, the masked ID number and the district (a list never
 * shows a street address), the badges, the per-capita figure and the visits.
 */
export function HouseholdCard({ file, onOpen, withButton }: HouseholdCardProps) {
  return (
    <View className="household-card" data-id={file.id} onClick={onOpen}>
      <View className="household-card__head">
        <Text className="household-card__name">{file.headName}</Text>
        <Text className="household-card__district">{file.district}</Text>
      </View>
      <Text className="household-card__id">{file.idNumberMasked}</Text>
      <HouseholdBadges file={file} />
      <Text className="household-card__fact">
        人均月收入 {perMonth(file.perCapitaMonthlyFen)} · {file.householdSize} 人
      </Text>
      <Text className="household-card__fact">
        {file.lastVisitOn ? `上次走访 ${dayText(file.lastVisitOn)}` : '尚未走访'}
        {file.nextVisitDue ? ` · 下次 ${dayText(file.nextVisitDue)}` : ''}
      </Text>
      <Text className="household-card__fact household-card__fact--quiet">
        帮扶责任人 {file.caseworkerName}
      </Text>
      {withButton ? (
        // The tap reaches the card's own handler: one way to open, whichever part is tapped.
        <View className="household-card__actions">
          <Button className="household-card__open" type="primary" size="large" block>
            查看档案
          </Button>
        </View>
      ) : null}
    </View>
  );
}
