import type { HardshipAuditEvent } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { momentText } from '../services/hardshipFormat';
import './HouseholdAuditList.scss';

/** 访问记录: who read or changed a file, when, and the reason they gave. */
export function HouseholdAuditList({ events }: { events: HardshipAuditEvent[] }) {
  return (
    <View className="household-audit">
      {events.map((event) => (
        <View key={event.id} className={`household-audit__row household-audit__row--${event.action}`}>
          <Text className="household-audit__what">
            {event.actorName} · {event.actionLabel}
          </Text>
          <Text className="household-audit__when">{momentText(event.at)}</Text>
          {event.reason ? <Text className="household-audit__reason">原因：{event.reason}</Text> : null}
        </View>
      ))}
    </View>
  );
}
