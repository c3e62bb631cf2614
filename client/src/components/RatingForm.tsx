import { type FeedbackTag, feedbackTagLabels } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { RatingInput } from '../services/stations';
import { ChoiceChips, choicesOf } from './ChoiceChips';
import './FeedbackForm.scss';

const tagChoices = choicesOf(feedbackTagLabels);
const starWords = ['', '很差', '较差', '一般', '满意', '非常满意'];

export interface RatingFormProps {
  submitting: boolean;
  onSubmit: (input: RatingInput) => void;
}

/** 评价: 1–5 stars (required), tags, a short comment. */
export function RatingForm({ submitting, onSubmit }: RatingFormProps) {
  const [stars, setStars] = useState(0);
  const [chosen, setChosen] = useState<FeedbackTag[]>([]);
  const [comment, setComment] = useState('');
  const toggle = (tag: FeedbackTag) =>
    setChosen((list) => (list.includes(tag) ? list.filter((t) => t !== tag) : [...list, tag]));

  return (
    <View className="feedback-form rating-form">
      <View className="feedback-form__stars">
        {[1, 2, 3, 4, 5].map((n) => (
          <Text
            key={n}
            className={`feedback-form__star${n <= stars ? ' feedback-form__star--on' : ''}`}
            onClick={() => setStars(n)}
          >
            ★
          </Text>
        ))}
        <Text className="feedback-form__star-word">{stars ? starWords[stars] : '请点星星打分'}</Text>
      </View>
      <ChoiceChips choices={tagChoices} selected={chosen} onToggle={toggle} />
      <Textarea
        className="feedback-form__text"
        value={comment}
        maxlength={200}
        placeholder="说说您的感受（选填，最多 200 字）"
        onInput={(event) => setComment(event.detail.value)}
      />
      <Button
        className="feedback-form__submit"
        type="primary"
        size="large"
        block
        disabled={stars === 0}
        loading={submitting}
        onClick={() => onSubmit({ stars, tags: chosen, comment: comment.trim() })}
      >
        提交评价
      </Button>
    </View>
  );
}
