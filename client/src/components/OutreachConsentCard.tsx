import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { ConsentState } from '../hooks/useSubscribeConsent';
import './OutreachConsentCard.scss';

export interface OutreachConsentCardProps {
  title: string;
  /** What the messages will say and when, so the person knows what they agree to. */
  description: string;
  state: ConsentState;
  onAsk: () => void;
  onRetry: () => void;
  /** Where to look instead after declining (默认：我的任务). */
  declinedText?: string;
}

const outcomes: Partial<Record<ConsentState, string>> = {
  accepted: '已开启微信通知。',
  declined: '您没有开启通知，可随时在“我的任务”中查看。',
  failed: '通知设置未能保存，请检查网络后重试。',
};

/** The offer to receive WeChat subscribe messages, shown right after the step they are about. */
export function OutreachConsentCard({
  title,
  description,
  state,
  onAsk,
  onRetry,
  declinedText,
}: OutreachConsentCardProps) {
  const outcome = state === 'declined' && declinedText ? declinedText : outcomes[state];
  return (
    <View className="outreach-consent">
      <Text className="outreach-consent__title">{title}</Text>
      <Text className="outreach-consent__description">{description}</Text>
      {outcome ? (
        <Text className={`outreach-consent__outcome outreach-consent__outcome--${state}`}>{outcome}</Text>
      ) : null}
      {state === 'idle' || state === 'asking' ? (
        <Button
          className="outreach-consent__ask"
          type="primary"
          size="large"
          block
          loading={state === 'asking'}
          onClick={onAsk}
        >
          接收微信通知
        </Button>
      ) : null}
      {state === 'failed' ? (
        <Button
          className="outreach-consent__retry"
          type="primary"
          fill="outline"
          size="large"
          block
          onClick={onRetry}
        >
          重试
        </Button>
      ) : null}
    </View>
  );
}
