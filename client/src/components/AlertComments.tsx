import type { HardshipAlert } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { ApiError } from '../services/errors';
import { momentText } from '../services/hardshipFormat';
import { StationTextInput } from './StationFormField';
import './AlertComments.scss';

export interface AlertCommentBox {
  text: string;
  setText: (text: string) => void;
  sending: boolean;
  error: ApiError | null;
  send: () => Promise<void>;
}

/** The alert's comments, oldest first, and a box to add one (kept, with its id, until it is stored). */
export function AlertComments({ alert, comment }: { alert: HardshipAlert; comment: AlertCommentBox }) {
  return (
    <View className="alert-comments">
      <Text className="alert-comments__title">评论</Text>
      {alert.comments.length === 0 ? <Text className="alert-comments__empty">暂无评论</Text> : null}
      {alert.comments.map((c) => (
        <View key={c.id} className="alert-comments__item">
          <Text className="alert-comments__meta">
            {c.authorName} · {momentText(c.at)}
          </Text>
          <Text className="alert-comments__text">{c.text}</Text>
        </View>
      ))}
      <View className="alert-comments__box staff-field staff-field--comment">
        <StationTextInput
          multiline
          value={comment.text}
          onChange={comment.setText}
          placeholder="补充情况、与同事沟通"
          maxlength={300}
        />
      </View>
      {comment.error ? (
        <Text className="alert-comments__error">
          未发送：{comment.error.message}。评论已保留，可点“发送”重试。
        </Text>
      ) : null}
      <View className="alert-comments__actions">
        <Button
          className="alert-comments__send"
          type="primary"
          size="large"
          disabled={!comment.text.trim()}
          loading={comment.sending}
          onClick={() => void comment.send()}
        >
          发送
        </Button>
      </View>
    </View>
  );
}
