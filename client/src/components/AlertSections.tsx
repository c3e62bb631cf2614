import type { HardshipAlert } from '@ankang/shared';
import {
  hardshipCategoryLabels,
  hardshipStatusLabels,
  visitModeLabels,
  visitRiskLabels,
} from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import type { useAlert } from '../hooks/useAlert';
import { momentText, perMonth } from '../services/hardshipFormat';
import { householdUrl } from '../services/hardshipRoutes';
import { openPage } from '../services/navigation';
import { PagedList, pagingOf } from './PagedList';

/*
 * The read-only sections of 预警详情 below its actions. They draw with the page's own classes
 * (staff/pages/alert/index.scss): they exist only on that page.
 */

/** The household as the list masks it, and the way to its file. */
export function HouseholdSection({ alert }: { alert: HardshipAlert }) {
  const file = alert.household;
  return (
    <View className="alert-page__card alert-page__household">
      <Text className="alert-page__section">家庭概况</Text>
      <Text className="alert-page__name">{file.headName}</Text>
      <Text className="alert-page__line">
        {file.district} · {file.idNumberMasked}
      </Text>
      <Text className="alert-page__line">
        {hardshipCategoryLabels[file.category]} · {hardshipStatusLabels[file.status]} · {file.householdSize}{' '}
        人
      </Text>
      <Text className="alert-page__line">人均月收入 {perMonth(file.perCapitaMonthlyFen)}</Text>
      <Text className="alert-page__quiet">帮扶责任人 {file.caseworkerName}</Text>
      <Text className="alert-page__link" onClick={() => void openPage(householdUrl(file.id))}>
        查看档案 ›
      </Text>
    </View>
  );
}

/** The household's latest visits, with the shared loading / failed / empty states. */
export function VisitSection({ visits }: { visits: ReturnType<typeof useAlert>['visits'] }) {
  const items = visits.data ?? [];
  return (
    <View className="alert-page__card alert-page__visits">
      <Text className="alert-page__section">最近走访</Text>
      <PagedList
        {...pagingOf({
          items,
          loading: visits.loading,
          loadingMore: false,
          error: visits.error,
          hasMore: false,
          retry: visits.retry,
          loadMore: () => undefined,
        })}
        loadingTitle="正在加载走访记录…"
        errorTitle="走访记录加载失败"
        empty={<Text className="alert-page__quiet">还没有走访记录</Text>}
      >
        {items.map((visit) => (
          <View key={visit.id} className="alert-page__visit">
            <Text className="alert-page__line">
              {visit.visitedOn} · {visitModeLabels[visit.mode]} · 风险{visitRiskLabels[visit.risk]}
            </Text>
            <Text className="alert-page__quiet">
              人均月收入 {perMonth(visit.perCapitaMonthlyFen)} · 走访人 {visit.visitorName}
              {visit.corrects ? ' · 更正记录' : ''}
            </Text>
          </View>
        ))}
      </PagedList>
    </View>
  );
}

/** Each time the due date passed: who did not act, at which union, and where it went. */
export function EscalationSection({ alert }: { alert: HardshipAlert }) {
  if (alert.escalations.length === 0) return null;
  return (
    <View className="alert-page__card alert-page__escalations">
      <Text className="alert-page__section">逾期上报</Text>
      {alert.escalations.map((e) => (
        <View key={`${e.at}-${e.toOrgPath}`} className="alert-page__entry">
          <Text className="alert-page__line">
            {e.assigneeName}（{e.fromOrgName}）未在 {e.dueOn} 前处理，已上报至{e.toOrgName}
          </Text>
          <Text className="alert-page__quiet">{momentText(e.at)}</Text>
        </View>
      ))}
    </View>
  );
}

export function HistorySection({ alert }: { alert: HardshipAlert }) {
  return (
    <View className="alert-page__card alert-page__history">
      <Text className="alert-page__section">处理记录</Text>
      {alert.history.map((h) => (
        <View key={`${h.at}-${h.action}-${h.actorName}`} className="alert-page__entry">
          <Text className="alert-page__line">
            {h.actorName} · {h.actionLabel}
            {h.detail ? `：${h.detail}` : ''}
          </Text>
          {h.reason ? <Text className="alert-page__quiet">原因：{h.reason}</Text> : null}
          <Text className="alert-page__quiet">{momentText(h.at)}</Text>
        </View>
      ))}
    </View>
  );
}
