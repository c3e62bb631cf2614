import { type Suggestion, type SuggestionState, suggestionStateLabels } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { useState } from 'react';
import { buttonA11y } from '../../../components/buttonA11y';
import { GateFallback } from '../../../components/GateFallback';
import { PagedList, pagingOf } from '../../../components/PagedList';
import { ReasonDialog } from '../../../components/ReasonDialog';
import { StaffConflictNotice } from '../../../components/StaffConflictNotice';
import { StaffTabs } from '../../../components/StaffTabs';
import { StateView } from '../../../components/StateView';
import { SuggestionCard } from '../../../components/SuggestionCard';
import { useListDialog } from '../../../hooks/useListDialog';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { useSuggestionQueue } from '../../../hooks/useSuggestionQueue';
import { openPage } from '../../../services/navigation';
import { editStationUrl } from '../../../services/staffRoutes';
import { checkSuggestionDeclineReason } from '../../../services/suggestions';
import './index.scss';

const tabs = (['pending', 'approved', 'declined'] as const).map((key) => ({
  key,
  label: suggestionStateLabels[key],
}));
const emptyText: Record<SuggestionState, string> = {
  pending: '没有待审核的建议。职工建议的新驿站会出现在这里。',
  approved: '还没有采纳的建议。',
  declined: '还没有未采纳的建议。',
};

/**
 * 驿站建议审核: the places workers suggested in the staff member's area, by state. 采纳 makes a draft
 * station (paused until completed) and opens its edit page; 不予采纳 asks for the reason the worker
 * will read.
 */
export default function StaffSuggestionsPage() {
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const [state, setState] = useState<SuggestionState>('pending');
  const queue = useSuggestionQueue(state, gate.kind === 'allowed');
  // 不予采纳's dialog, on the suggestion as the queue holds it now (closed for good once it leaves).
  const decline = useListDialog(queue.items);
  const declining = decline.item;
  useReachBottom(queue.loadMore);

  if (gate.kind !== 'allowed') {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="工会干部和管理员"
        className="staff-suggestions"
      />
    );
  }

  const actions = (suggestion: Suggestion) => {
    // One decision at a time in the whole queue (useQueueReview sends one per double tap).
    const busy = queue.busyId !== null;
    const mine = queue.busyId === suggestion.id;
    if (suggestion.state === 'pending') {
      return (
        <>
          <Button
            type="primary"
            fill="outline"
            {...buttonA11y(() => decline.open(suggestion), busy)}
            disabled={busy}
          >
            不予采纳
          </Button>
          <Button
            type="primary"
            {...buttonA11y(() => void queue.review(suggestion, { decision: 'approve' }), busy)}
            loading={mine}
            disabled={busy}
          >
            采纳，生成驿站
          </Button>
        </>
      );
    }
    return suggestion.stationId ? (
      <Button
        type="primary"
        fill="outline"
        {...buttonA11y(() => void openPage(editStationUrl(suggestion.stationId!)))}
      >
        编辑生成的驿站
      </Button>
    ) : null;
  };

  return (
    <View className="page staff-suggestions">
      <StaffTabs block="staff-suggestions" tabs={tabs} selected={state} onPick={setState} />
      {queue.conflict ? (
        <StaffConflictNotice
          onReload={queue.reload}
          text="您打开此页后，其他工会干部处理了建议。请刷新查看最新状态后再审核。"
        />
      ) : null}
      <PagedList
        {...pagingOf(queue)}
        loadingTitle="正在加载建议…"
        errorTitle="建议列表加载失败"
        empty={
          <StateView
            tone="empty"
            title={`没有${suggestionStateLabels[state]}的建议`}
            description={emptyText[state]}
          />
        }
      >
        {queue.items.map((suggestion) => (
          <SuggestionCard key={suggestion.id} suggestion={suggestion} audience="staff">
            {actions(suggestion)}
          </SuggestionCard>
        ))}
      </PagedList>
      <ReasonDialog
        visible={declining !== null}
        title={`不予采纳 · ${declining?.name ?? ''}`}
        label="理由（职工会看到）"
        placeholder="例如 该处为私人场所，不对外开放"
        check={checkSuggestionDeclineReason}
        busy={declining !== null && queue.busyId === declining.id}
        onCancel={decline.close}
        onConfirm={(reason) => {
          if (!declining) return;
          void queue.review(declining, { decision: 'decline', reason }).then((done) => {
            if (done) decline.close();
          });
        }}
      />
    </View>
  );
}
