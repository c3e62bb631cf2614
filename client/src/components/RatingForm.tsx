import { type FeedbackTag, feedbackTagLabels } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, Textarea, View } from '@tarojs/components';
import type { RatingDraft } from '../services/stationDrafts';
import type { RatingInput } from '../services/stations';
import { buttonA11y } from './buttonA11y';
import { ChoiceChips, choicesOf } from './ChoiceChips';
import './FeedbackForm.scss';

const tagChoices = choicesOf(feedbackTagLabels);
const starWords = ['', '很差', '较差', '一般', '满意', '非常满意'];

export interface RatingFormProps {
  /** What is typed so far (kept on the phone by the page, so signing in loses nothing). */
  value: RatingDraft;
  /** An updater of the kept draft (taps faster than a render still all count). */
  onChange: (update: (current: RatingDraft) => RatingDraft) => void;
  submitting: boolean;
  onSubmit: (input: RatingInput) => void;
}

/** 评价: 1–5 stars (required), tags, a short comment. */
export function RatingForm({ value, onChange, submitting, onSubmit }: RatingFormProps) {
  const { stars, tags, comment } = value;
  const toggle = (tag: FeedbackTag) =>
    onChange((current) => ({
      ...current,
      tags: current.tags.includes(tag) ? current.tags.filter((t) => t !== tag) : [...current.tags, tag],
    }));

  return (
    <View className="feedback-form rating-form">
      <View className="feedback-form__stars" role="radiogroup" aria-label="打分">
        {[1, 2, 3, 4, 5].map((n) => (
          <View
            key={n}
            className={`feedback-form__star${n <= stars ? ' feedback-form__star--on' : ''}`}
            role="radio"
            aria-checked={n === stars}
            aria-label={`${n} 星，${starWords[n]}`}
            onClick={() => onChange((current) => ({ ...current, stars: n }))}
          >
            {/* Drawn, not the ★ character: its size and colour depend on the phone's fonts (an emoji on some). */}
            <View className="feedback-form__star-shape" />
          </View>
        ))}
        <Text className="feedback-form__star-word">{stars ? starWords[stars] : '请点星星打分'}</Text>
      </View>
      <ChoiceChips choices={tagChoices} selected={tags} onToggle={toggle} label="评价标签（可多选）" />
      <Textarea
        className="feedback-form__text"
        value={comment}
        maxlength={200}
        placeholder="说说您的感受（选填，最多 200 字）"
        onInput={(event) => {
          const comment = event.detail.value;
          onChange((current) => ({ ...current, comment }));
        }}
      />
      <Button
        className="feedback-form__submit"
        type="primary"
        size="large"
        block
        {...buttonA11y(() => onSubmit({ stars, tags, comment: comment.trim() }), stars === 0)}
        disabled={stars === 0}
        loading={submitting}
      >
        {stars === 0 ? '请先打分再提交' : '提交评价'}
      </Button>
    </View>
  );
}
