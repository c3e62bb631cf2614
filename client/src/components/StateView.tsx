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
  /** One character in the circle instead of the tone's drawn sign (a page's own, e.g. 我). */
  mark?: string;
  description?: ReactNode;
  actions?: StateAction[];
}

/** The whole-screen answer to "why is there nothing here": loading, failed, empty, not yet, not allowed. */
export function StateView({ tone, title, mark, description, actions = [] }: StateViewProps) {
  return (
    <View className={`state-view state-view--${tone}`}>
      {tone === 'loading' ? (
        <View className="state-view__spinner" />
      ) : (
        // The tone's sign is drawn in CSS (a box, a padlock …), not a character standing in for an
        // icon (空, 锁, i): decoration only, hidden from screen readers, which read the title.
        <View className="state-view__mark" aria-hidden="true">
          {mark ? <Text>{mark}</Text> : <View className={`state-view__sign state-view__sign--${tone}`} />}
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
