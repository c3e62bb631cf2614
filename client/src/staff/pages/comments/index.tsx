import { View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { GateFallback } from '../../../components/GateFallback';
import { PagedList, pagingOf } from '../../../components/PagedList';
import { StaffConflictNotice } from '../../../components/StaffConflictNotice';
import { StaffHeldComment } from '../../../components/StaffHeldComment';
import { StateView } from '../../../components/StateView';
import { useHeldComments } from '../../../hooks/useHeldComments';
import { useRoleGate } from '../../../hooks/useRoleGate';
import './index.scss';

/**
 * 评论审核: comments on the area's stations that WeChat's content check could not clear (it was
 * unreachable, or asked for a person's look). They stay hidden from other workers until staff
 * 公开 or 隐藏 them; the oldest waits on top.
 */
export default function StaffCommentsPage() {
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const queue = useHeldComments(gate.kind === 'allowed');
  useReachBottom(queue.loadMore);

  if (gate.kind !== 'allowed') {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="工会干部和管理员"
        className="staff-comments"
      />
    );
  }
  return (
    <View className="page staff-comments">
      {queue.conflict ? (
        <StaffConflictNotice
          onReload={queue.reload}
          text="您打开此页后，职工修改了评论。请刷新查看最新内容后再审核。"
        />
      ) : null}
      <PagedList
        {...pagingOf(queue)}
        loadingTitle="正在加载待审核评论…"
        errorTitle="待审核评论加载失败"
        empty={
          <StateView
            tone="empty"
            title="没有待审核的评论"
            description="微信内容安全检查未能通过的职工评论会出现在这里，审核后才对其他职工显示。"
          />
        }
      >
        {queue.items.map((comment) => (
          <StaffHeldComment
            key={comment.id}
            comment={comment}
            busy={queue.busyId === comment.id}
            onApprove={() => void queue.review(comment, 'approve')}
            onHide={() => void queue.review(comment, 'hide')}
          />
        ))}
      </PagedList>
    </View>
  );
}
