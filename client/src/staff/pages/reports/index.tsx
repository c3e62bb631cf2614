import { type ReportState, reportStateLabels, type StationReport } from '@ankang/shared';
import { View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { StaffReportCard } from '../../../components/StaffReportCard';
import { StaffReportTable } from '../../../components/StaffReportTable';
import { StaffResolveDialog } from '../../../components/StaffResolveDialog';
import { StaffTabs } from '../../../components/StaffTabs';
import { StateView } from '../../../components/StateView';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { useStationReports } from '../../../hooks/useStationReports';
import { useWideScreen } from '../../../platform/wideScreen';
import './index.scss';
import { GateFallback } from '../../../components/GateFallback';
import { PagedList, pagingOf } from '../../../components/PagedList';
import { SplitView } from '../../../components/SplitView';

const tabs = (['new', 'acknowledged', 'resolved'] as const).map((key) => ({
  key,
  label: reportStateLabels[key],
}));
const emptyText: Record<ReportState, string> = {
  new: '没有待处理的问题，辛苦了！',
  acknowledged: '没有已受理、待解决的问题。',
  resolved: '还没有已解决的问题。',
};

/**
 * 问题处理: the problems workers reported, by state, with 受理 and 解决. A phone shows cards; a wide
 * screen the queue as a table with the selected report beside it.
 */
export default function StaffReportsPage() {
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const [state, setState] = useState<ReportState>('new');
  const [resolving, setResolving] = useState<StationReport | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const wide = useWideScreen();
  const queue = useStationReports(state, gate.kind === 'allowed');
  useReachBottom(queue.loadMore);

  if (gate.kind !== 'allowed') {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="工会干部和管理员"
        className="staff-reports"
      />
    );
  }

  const card = (report: StationReport) => (
    <StaffReportCard
      key={report.id}
      report={report}
      busy={queue.busyId === report.id}
      onAcknowledge={state === 'new' ? () => void queue.move(report, 'acknowledged') : undefined}
      onResolve={state === 'resolved' ? undefined : () => setResolving(report)}
    />
  );
  // The first report until staff pick another; a handled one leaves the queue and the next shows.
  const selected = queue.items.find((report) => report.id === selectedId) ?? queue.items[0] ?? null;

  const body = (
    <PagedList
      {...pagingOf(queue)}
      loadingTitle="正在加载问题…"
      errorTitle="问题列表加载失败"
      empty={
        <StateView
          tone="empty"
          title={`没有${reportStateLabels[state]}的问题`}
          description={emptyText[state]}
        />
      }
    >
      {wide ? (
        <StaffReportTable
          reports={queue.items}
          selectedId={selected?.id ?? null}
          onSelect={(report) => setSelectedId(report.id)}
        />
      ) : (
        queue.items.map(card)
      )}
    </PagedList>
  );

  const main = (
    <>
      <StaffTabs block="staff-reports" tabs={tabs} selected={state} onPick={setState} />
      {body}
    </>
  );

  return (
    <View className={`page staff-reports${wide ? ' page--wide' : ''}`}>
      {wide ? <SplitView main={main} side={selected ? card(selected) : null} /> : main}
      <StaffResolveDialog
        visible={resolving !== null}
        onCancel={() => setResolving(null)}
        onConfirm={(note) => {
          if (resolving) void queue.move(resolving, 'resolved', note);
          setResolving(null);
        }}
      />
    </View>
  );
}
