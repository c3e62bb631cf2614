import { Text, View } from '@tarojs/components';
import type { ApiError } from '../services/errors';
import { buttonA11y } from './buttonA11y';
import './ErrorBanner.scss';

/** A failed refresh above content that is still worth showing (the stored copy). */
export function ErrorBanner({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  return (
    <View className="error-banner">
      <Text className="error-banner__message">{error.message}</Text>
      {onRetry ? (
        <Text className="error-banner__retry" {...buttonA11y(onRetry)}>
          重试
        </Text>
      ) : null}
    </View>
  );
}
