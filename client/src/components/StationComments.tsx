import { feedbackTagLabels, type PublicComment } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import type { ApiError } from '../services/errors';
import { buttonA11y } from './buttonA11y';
import './StationComments.scss';

export interface StationCommentsProps {
  comments: PublicComment[] | undefined;
  loading: boolean;
  error: ApiError | null;
  onRetry: () => void;
  /** Where the viewer's own comment just sent stands (the server's answer to their rating). */
  ownState?: 'none' | 'public' | 'held' | 'hidden';
}

/** What the author is told when their comment is not (yet) shown to others. */
const ownNotice = {
  held: '您的评论正在等待工会工作人员审核，审核通过后其他职工才能看到。',
  hidden: '您的评论未公开，仅您和工会工作人员可见。',
} as const;

/** 最近评论: what other workers wrote, newest first, with their stars, tags and the day. */
export function StationComments({ comments, loading, error, onRetry, ownState }: StationCommentsProps) {
  const notice = ownState === 'held' || ownState === 'hidden' ? ownNotice[ownState] : null;
  return (
    <View className="station-comments">
      {notice ? (
        <View className="station-comments__own" role="status">
          <Text>{notice}</Text>
        </View>
      ) : null}
      {comments && comments.length > 0 ? (
        comments.map((comment) => (
          <View key={comment.id} className="station-comments__item">
            <View className="station-comments__head">
              <Text className="station-comments__stars">{`${comment.stars} 分`}</Text>
              <Text className="station-comments__date">{comment.date}</Text>
            </View>
            {comment.tags.length > 0 ? (
              <Text className="station-comments__tags">
                {comment.tags.map((tag) => feedbackTagLabels[tag]).join(' · ')}
              </Text>
            ) : null}
            <Text className="station-comments__text">{comment.comment}</Text>
          </View>
        ))
      ) : error && !comments ? (
        <View className="station-comments__error">
          <Text>评论加载失败</Text>
          <View {...buttonA11y(onRetry)} className="station-comments__retry">
            <Text>重试</Text>
          </View>
        </View>
      ) : loading && !comments ? (
        <Text className="station-comments__muted">正在加载评论…</Text>
      ) : (
        <Text className="station-comments__muted">还没有评论。</Text>
      )}
    </View>
  );
}
