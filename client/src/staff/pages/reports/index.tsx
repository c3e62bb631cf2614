import {
  type QueuedProblem,
  type ReportKind,
  type ReportState,
  reportKindLabels,
  reportStateLabels,
} from '@ankang/shared';
import { View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { type Choice, ChoiceChips, choicesOf } from '../../../components/ChoiceChips';
import { GateFallback } from '../../../components/GateFallback';
import { PagedList, pagingOf } from '../../../components/PagedList';
import { SplitView } from '../../../components/SplitView';
import { StaffConflictNotice } from '../../../components/StaffConflictNotice';
import { StaffReportCard } from '../../../components/StaffReportCard';
import { groupByStation, StaffReportStation } from '../../../components/StaffReportStation';
import { StaffReportTable } from '../../../components/StaffReportTable';
import { StaffResolveDialog } from '../../../components/StaffResolveDialog';
import { StaffTabs } from '../../../components/StaffTabs';
import { StateView } from '../../../components/StateView';
import { useListDialog } from '../../../hooks/useListDialog';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { useStationReports } from '../../../hooks/useStationReports';
import { useWideScreen } from '../../../platform/wideScreen';
import './index.scss';

const tabs = (['new', 'acknowledged', 'resolved'] as const).map((key) => ({
  key,
  label: reportStateLabels[key],
}));
const emptyText: Record<ReportState, string> = {
  new: '没有待处理的问题，辛苦了！',
  acknowledged: '没有已受理、待解决的问题。',
  resolved: '还没有已解决的问题。',
};
type KindFilter = ReportKind | 'all';
const kindChoices: Choice<KindFilter>[] = [{ value: 'all', label: '全部' }, ...choicesOf(reportKindLabels)];

/**
 * 问题处理: the problems workers reported, newest report first, by state and kind. Reports of one
 * kind at one station while open are one problem ("3 人反映"), answered once for all of them. A
 * phone shows the problems under their station; a wide screen a table with the picked one beside it.
 */
export default function StaffReportsPage() {
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const [state, setState] = useState<ReportState>('new');
  const [kind, setKind] = useState<KindFilter>('all');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const wide = useWideScreen();
  const queue = useStationReports(state, kind === 'all' ? null : kind, gate.kind === 'allowed');
  // 解决's dialog, on the problem as the queue holds it now (closed for good once it leaves).
  const resolve = useListDialog(queue.items);
  const resolving = resolve.item;
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

  const card = (problem: QueuedProblem, withStation = false) => (
    <StaffReportCard
      key={problem.id}
      problem={problem}
      withStation={withStation}
      busy={queue.busyId === problem.id}
      onAcknowledge={state === 'new' ? () => void queue.review(problem, { move: 'acknowledged' }) : undefined}
      onResolve={state === 'resolved' ? undefined : () => resolve.open(problem)}
    />
  );
  // The first problem until staff pick another; a handled one leaves the queue and the next shows.
  const selected = queue.items.find((problem) => problem.id === selectedId) ?? queue.items[0] ?? null;
  const filtered = kind === 'all' ? '' : `「${reportKindLabels[kind]}」`;

  const body = (
    <PagedList
      {...pagingOf(queue)}
      loadingTitle="正在加载问题…"
      errorTitle="问题列表加载失败"
      empty={
        <StateView
          tone="empty"
          title={`没有${reportStateLabels[state]}的${filtered}问题`}
          description={emptyText[state]}
        />
      }
    >
      {wide ? (
        <StaffReportTable
          problems={queue.items}
          selectedId={selected?.id ?? null}
          onSelect={(problem) => setSelectedId(problem.id)}
        />
      ) : (
        groupByStation(queue.items).map((group) => (
          <StaffReportStation key={group.stationId} group={group}>
            {group.problems.map((problem) => card(problem))}
          </StaffReportStation>
        ))
      )}
    </PagedList>
  );

  const main = (
    <>
      {queue.conflict ? (
        <StaffConflictNotice
          onReload={queue.reload}
          text="您打开此页后，其他工作人员处理了这个问题。请刷新查看最新状态后再处理。"
        />
      ) : null}
      <StaffTabs block="staff-reports" tabs={tabs} selected={state} onPick={setState} />
      <View className="staff-reports__kinds">
        <ChoiceChips
          single
          label="问题类型"
          choices={kindChoices}
          selected={[kind]}
          onToggle={(value) => setKind(value)}
        />
      </View>
      {body}
    </>
  );

  return (
    <View className={`page staff-reports${wide ? ' page--wide' : ''}`}>
      {wide ? <SplitView main={main} side={selected ? card(selected, true) : null} /> : main}
      <StaffResolveDialog
        visible={resolving !== null}
        busy={resolving !== null && queue.busyId === resolving.id}
        onCancel={resolve.close}
        onConfirm={(note) => {
          if (!resolving) return;
          void queue.review(resolving, { move: 'resolved', note }).then((stored) => {
            if (stored) resolve.close();
          });
        }}
      />
    </View>
  );
}
