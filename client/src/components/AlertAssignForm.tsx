import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useFormFields } from '../hooks/useFormFields';
import type { ApiError } from '../services/errors';
import type { AlertAssignee } from '../services/hardshipAlerts';
import { StateView } from './StateView';
import { StationFormField, StationTextInput } from './StationFormField';
import './AlertForms.scss';

export interface AlertAssignFormProps {
  /** Who handles it now (not offered). */
  currentUserId: string;
  assignees: AlertAssignee[] | undefined;
  loading: boolean;
  error: ApiError | null;
  onRetry: () => void;
  busy: boolean;
  onSubmit: (assigneeUserId: string, reason: string) => void;
  onCancel: () => void;
}

/** 转派: staff of the household's union and the unions above it (in the caller's scope), and why. */
export function AlertAssignForm(props: AlertAssignFormProps) {
  const { values, errors, set, setErrors } = useFormFields({ assignee: '', reason: '' });
  const picked = values.assignee;
  const choices = (props.assignees ?? []).filter((a) => a.userId !== props.currentUserId);
  const submit = () => {
    const reason = values.reason.trim();
    const next = {
      assignee: picked ? undefined : '请选择转派给谁',
      reason: reason.length >= 2 ? undefined : '请填写转派原因（至少 2 个字）',
    };
    setErrors(next);
    if (picked && !next.reason) props.onSubmit(picked, reason);
  };

  let list: ReactNode;
  if (!props.assignees && props.error) {
    list = (
      <StateView
        tone="error"
        title="处理人加载失败"
        description={props.error.message}
        actions={[{ text: '重试', onClick: props.onRetry }]}
      />
    );
  } else if (!props.assignees) {
    list = <StateView tone="loading" title="正在加载处理人…" />;
  } else if (choices.length === 0) {
    list = <Text className="alert-form__empty">没有其他可转派的工作人员</Text>;
  } else {
    list = (
      <View className="alert-form__people">
        {choices.map((person) => (
          <View
            key={person.userId}
            className={`alert-form__person${person.userId === picked ? ' alert-form__person--on' : ''}`}
            onClick={() => set('assignee', person.userId)}
          >
            <Text className="alert-form__person-name">
              {person.userId === picked ? `✓ ${person.name}` : person.name}
            </Text>
            <Text className="alert-form__person-org">{person.orgName}</Text>
          </View>
        ))}
      </View>
    );
  }

  return (
    <View className="alert-form alert-form--assign">
      <Text className="alert-form__title">转派预警</Text>
      <StationFormField label="转派给" name="assignee" required error={errors.assignee}>
        {list}
      </StationFormField>
      <StationFormField label="转派原因" name="assignReason" required error={errors.reason}>
        <StationTextInput
          value={values.reason}
          onChange={(v) => set('reason', v)}
          placeholder="例如 该户由社区网格员跟进"
          maxlength={60}
        />
      </StationFormField>
      <View className="alert-form__actions">
        <Button
          className="alert-form__cancel"
          type="primary"
          fill="outline"
          size="large"
          onClick={props.onCancel}
        >
          取消
        </Button>
        <Button
          className="alert-form__submit"
          type="primary"
          size="large"
          loading={props.busy}
          onClick={submit}
        >
          确认转派
        </Button>
      </View>
    </View>
  );
}
