import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import './StateView.scss';

export interface StateAction {
  text: string;
  onClick: () => void;
  loading?: boolean;
  /** Primary is filled; the rest are outlined. */
  primary?: boolean;
}

export interface StateViewProps {
  tone: 'loading' | 'error' | 'empty' | 'info' | 'locked';
  title: string;
  /** One character in the circle; defaults to the tone's. */
  mark?: string;
  description?: ReactNode;
  actions?: StateAction[];
}

const marks: Record<StateViewProps['tone'], string> = {
  loading: '',
  error: '!',
  empty: '空',
  info: 'i',
  locked: '锁',
};

/** The whole-screen answer to "why is there nothing here": loading, failed, empty, not yet, not allowed. */
export function StateView({ tone, title, mark, description, actions = [] }: StateViewProps) {
  return (
    <View className={`state-view state-view--${tone}`}>
      {tone === 'loading' ? (
        <View className="state-view__spinner" />
      ) : (
        <View className="state-view__mark">
          <Text>{mark ?? marks[tone]}</Text>
        </View>
      )}
      <Text className="state-view__title">{title}</Text>
      {description ? <View className="state-view__description">{description}</View> : null}
      {actions.length > 0 ? (
        <View className="state-view__actions">
          {actions.map((action) => (
            <Button
              key={action.text}
              className="state-view__action"
              type="primary"
              fill={action.primary === false ? 'outline' : 'solid'}
              size="large"
              block
              loading={action.loading}
              onClick={action.onClick}
            >
              {action.text}
            </Button>
          ))}
        </View>
      ) : null}
    </View>
  );
}
