import { type Assignment, type Campaign, halfDayLabels } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Picker, Text, View } from '@tarojs/components';
import { useReachBottom, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { PagedList, pagingOf } from '../../../components/PagedList';
import { StaffAssignmentCard } from '../../../components/StaffAssignmentCard';
import { type HalfDay, StaffAssignmentPicker } from '../../../components/StaffAssignmentPicker';
import { StaffCampaignDialog } from '../../../components/StaffCampaignDialog';
import { staffCampaignFallback } from '../../../components/StaffCampaignFallback';
import { StaffConflictNotice } from '../../../components/StaffConflictNotice';
import { StateView } from '../../../components/StateView';
import { useAssignmentBoard } from '../../../hooks/useAssignmentBoard';
import { useAssignmentBoardChoices } from '../../../hooks/useAssignmentBoardChoices';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { useStaffCampaignDetail } from '../../../hooks/useStaffCampaignDetail';
import { useWideScreen } from '../../../platform/wideScreen';
import { addDays, monthDay, rangeLabel, todayInShanghai } from '../../../services/outreachDates';
import '../../../components/ChoiceChips.scss';
import './index.scss';

type Picking = { mode: 'create' } | { mode: 'reassign'; task: Assignment };

const inSeason = (campaign: Campaign, date: string | undefined): date is string =>
  Boolean(
    date && /^\d{4}-\d{2}-\d{2}$/.test(date) && date >= campaign.season.from && date <= campaign.season.to,
  );

/** The asked date when it is in the season; else today when it is; else the season's first day. */
function startDate(campaign: Campaign, asked: string | undefined): string {
  if (inSeason(campaign, asked)) return asked;
  const today = todayInShanghai();
  return inSeason(campaign, today) ? today : campaign.season.from;
}

/** Live tasks hold their site's and volunteer's half day; declined and cancelled ones free it. */
const live = (task: Assignment) => task.status === 'assigned' || task.status === 'accepted';

/**
 * 任务分配 (?campaign=&date=): one date of the campaign's season, its tasks by half day with their
 * state and history, and 分配 / 改派 / 取消.
 */
export default function StaffAssignmentBoardPage() {
  const params = useRouter().params;
  const campaignId = params.campaign || undefined;
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const allowed = gate.kind === 'allowed';
  const detail = useStaffCampaignDetail(campaignId, allowed);
  const loaded = detail.data?.campaign;
  const [picked, setPicked] = useState<string | null>(null);
  const date = loaded ? (picked ?? startDate(loaded, params.date)) : '';
  const [picking, setPicking] = useState<Picking | null>(null);
  const [slot, setSlot] = useState<HalfDay>('am');
  const [cancelling, setCancelling] = useState<Assignment | null>(null);
  const wide = useWideScreen();
  const board = useAssignmentBoard(campaignId, date, allowed && Boolean(loaded));
  const choices = useAssignmentBoardChoices(campaignId, picking !== null);
  useReachBottom(() => {
    if (!picking) board.loadMore();
  });

  const view = staffCampaignFallback({
    gate,
    signedIn: account.signedIn,
    className: 'staff-board',
    page: '任务分配',
    campaignId,
    detail,
  });
  if (view.fallback) return view.fallback;
  const { campaign } = view.data;

  const pickSlot = picking?.mode === 'reassign' ? picking.task.slot : slot;
  const inSlot = board.items.filter((task) => task.slot === pickSlot && live(task));
  const takenSites = new Set(inSlot.map((task) => task.worksiteSignupId));
  const busyVolunteers = new Set(inSlot.map((task) => task.volunteerSignupId));
  const goTo = (next: string) => {
    setPicked(next);
    setPicking(null);
    board.clearActionError();
  };
  const open = (next: Picking) => {
    board.clearActionError();
    setPicking(next);
  };

  if (picking) {
    const task = picking.mode === 'reassign' ? picking.task : undefined;
    return (
      <View className="page page--form staff-board">
        <StaffAssignmentPicker
          key={task?.id ?? 'new'}
          task={task}
          date={date}
          slot={pickSlot}
          onSlot={setSlot}
          sites={choices.sites}
          volunteers={choices.volunteers}
          takenSites={takenSites}
          busyVolunteers={busyVolunteers}
          error={board.actionError}
          busy={board.busy}
          onClose={() => setPicking(null)}
          onConfirm={async ({ worksiteSignupId, volunteerSignupId }) => {
            const result = task
              ? await board.moveTo(task, volunteerSignupId)
              : await board.create({ worksiteSignupId, volunteerSignupId, date, slot });
            // A stale task goes back to the board, where the conflict notice and the fresh tasks are.
            if (result !== 'failed') setPicking(null);
          }}
        />
      </View>
    );
  }

  const group = (half: HalfDay) => {
    const tasks = board.items.filter((task) => task.slot === half);
    return (
      <View className={`staff-board__slot staff-board__slot--${half}`}>
        <Text className="staff-board__slot-title">
          {halfDayLabels[half]}（{tasks.length}）
        </Text>
        {tasks.length === 0 ? <Text className="staff-board__slot-empty">暂无任务</Text> : null}
        {tasks.map((task) => (
          <StaffAssignmentCard
            key={task.id}
            task={task}
            busy={board.busy}
            onReassign={() => open({ mode: 'reassign', task })}
            onCancel={() => setCancelling(task)}
          />
        ))}
      </View>
    );
  };

  return (
    <View className={`page staff-board${wide ? ' page--wide' : ' page--form'}`}>
      <Text className="staff-board__campaign">{campaign.title}</Text>
      <Text className="staff-board__season">活动日期：{rangeLabel(campaign.season)}</Text>
      {board.conflict ? (
        <StaffConflictNotice
          text="这个任务已被其他人修改，看板已刷新为最新内容，请确认后再操作。"
          onReload={board.reload}
        />
      ) : null}
      <View className="staff-board__dates">
        <Button
          size="normal"
          type="primary"
          fill="outline"
          disabled={date <= campaign.season.from}
          onClick={() => goTo(addDays(date, -1))}
        >
          前一天
        </Button>
        <Picker
          mode="date"
          value={date}
          start={campaign.season.from}
          end={campaign.season.to}
          onChange={(event) => {
            const next = String(event.detail.value);
            if (inSeason(campaign, next)) goTo(next);
          }}
        >
          <View className="choice-chips__chip choice-chips__chip--on staff-board__date">
            <Text>{monthDay(date)}</Text>
          </View>
        </Picker>
        <Button
          size="normal"
          type="primary"
          fill="outline"
          disabled={date >= campaign.season.to}
          onClick={() => goTo(addDays(date, 1))}
        >
          后一天
        </Button>
      </View>
      <View className="staff-board__assign">
        <Button type="primary" size="large" block onClick={() => open({ mode: 'create' })}>
          分配任务
        </Button>
      </View>
      <PagedList
        {...pagingOf(board)}
        loadingTitle="正在加载任务…"
        errorTitle="任务加载失败"
        empty={
          <StateView
            tone="empty"
            title={`${monthDay(date)}还没有任务`}
            description="点“分配任务”，把已通过的工地分配给这个时段有空的志愿者。"
          />
        }
      >
        <View className={`staff-board__slots${wide ? ' staff-board__slots--wide' : ''}`}>
          {group('am')}
          {group('pm')}
        </View>
      </PagedList>
      <StaffCampaignDialog
        visible={cancelling !== null}
        title={`取消任务 · ${cancelling?.site.siteName ?? ''}`}
        message={
          cancelling
            ? `${monthDay(cancelling.date)}${halfDayLabels[cancelling.slot]}，志愿者 ${cancelling.volunteerName}。取消后任务结束，可为该工地重新分配。`
            : ''
        }
        confirmText="确认取消任务"
        reason={{ label: '取消原因', placeholder: '例如 工地当天停工', min: 2, max: 100 }}
        onCancel={() => setCancelling(null)}
        onConfirm={(reason) => {
          if (cancelling) void board.cancel(cancelling, reason);
          setCancelling(null);
        }}
      />
    </View>
  );
}
