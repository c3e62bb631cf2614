import { feedbackTagLabels, type HeldComment } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { openPage } from '../services/navigation';
import { stationRoute } from '../services/routes';
import { buttonA11y, linkA11y } from './buttonA11y';
import './StaffHeldComment.scss';

/** Why a comment waits, in words staff understand. */
const heldBecauseText: Record<HeldComment['heldBecause'], string> = {
  review: '微信内容安全检查建议人工复核',
  unreachable: '提交时未能完成微信内容安全检查',
};

export interface StaffHeldCommentProps {
  comment: HeldComment;
  busy: boolean;
  onApprove: () => void;
  onHide: () => void;
}

/** One held comment: the station (a link to it), what the worker wrote and why it waits; 公开 / 隐藏. */
export function StaffHeldComment({ comment, busy, onApprove, onHide }: StaffHeldCommentProps) {
  return (
    <View className="held-comment" data-id={comment.id}>
      <View
        className="held-comment__station"
        {...linkA11y(() => void openPage(stationRoute(comment.stationId)))}
      >
        <Text>{comment.stationName}</Text>
      </View>
      <View className="held-comment__meta">
        <Text>{`${comment.stars} 分 · ${comment.date}`}</Text>
        {comment.tags.length > 0 ? (
          <Text>{comment.tags.map((tag) => feedbackTagLabels[tag]).join(' · ')}</Text>
        ) : null}
      </View>
      <Text className="held-comment__text">{comment.comment}</Text>
      <Text className="held-comment__why">{heldBecauseText[comment.heldBecause]}</Text>
      <View className="held-comment__actions">
        <Button type="primary" fill="outline" {...buttonA11y(onHide, busy)} disabled={busy}>
          隐藏
        </Button>
        <Button type="primary" {...buttonA11y(onApprove, busy)} disabled={busy}>
          公开
        </Button>
      </View>
    </View>
  );
}
