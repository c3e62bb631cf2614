import {
  type DeliveryDashboard,
  type DeliveryReviewStatus,
  deliveryReviewStatusLabels,
} from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { yuanAmount } from '../services/staffDeliveryFormat';
import './StaffDashboard.scss';

/** In the order a reviewer works through them (as the review page's tabs). */
const statusOrder: DeliveryReviewStatus[] = ['pending', 'needsChanges', 'approved', 'rejected'];

/** The four headline figures, then how many records wait in each review state. */
export function StaffDashboardTotals({ dashboard }: { dashboard: DeliveryDashboard }) {
  const { totals, byStatus } = dashboard;
  const cards = [
    { key: 'deliveries', label: '配送次数', value: String(totals.deliveries) },
    { key: 'handouts', label: '清凉码发放', value: String(totals.handouts) },
    { key: 'people', label: '服务人次', value: String(totals.people) },
    { key: 'money', label: '物资金额（元）', value: yuanAmount(totals.moneyFen) },
  ];
  return (
    <View className="staff-dashboard-totals">
      <View className="staff-dashboard-totals__cards">
        {cards.map((card) => (
          <View
            key={card.key}
            className={`staff-dashboard-totals__card staff-dashboard-totals__card--${card.key}`}
          >
            <Text className="staff-dashboard-totals__value">{card.value}</Text>
            <Text className="staff-dashboard-totals__label">{card.label}</Text>
          </View>
        ))}
      </View>
      <Text className="staff-dashboard-totals__status">
        {statusOrder.map((s) => `${deliveryReviewStatusLabels[s]} ${byStatus[s]}`).join(' · ')}
      </Text>
    </View>
  );
}
