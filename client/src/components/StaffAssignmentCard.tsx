import {
  type Assignment,
  assignmentStatusLabels,
  assignmentTransitions,
  halfDayLabels,
  shanghaiDateTime,
} from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import './StaffAssignmentCard.scss';

export interface StaffAssignmentCardProps {
  task: Assignment;
  busy?: boolean;
  onReassign: () => void;
  onCancel: () => void;
}

/** One task on the board: the site, who holds it and how they answered, who held it before. */
export function StaffAssignmentCard({ task, busy, onReassign, onCancel }: StaffAssignmentCardProps) {
  const next = assignmentTransitions[task.status];
  return (
    <View className={`staff-assignment staff-assignment--${task.status}`} data-id={task.id}>
      <View className="staff-assignment__head">
        <Text className="staff-assignment__site">
          {halfDayLabels[task.slot]} · {task.site.siteName}
        </Text>
        <Text className={`staff-assignment__status staff-assignment__status--${task.status}`}>
          {assignmentStatusLabels[task.status]}
        </Text>
      </View>
      <Text className="staff-assignment__place">
        {task.site.orgName} · {task.site.address}
      </Text>
      <Text className="staff-assignment__volunteer">志愿者：{task.volunteerName}</Text>
      {task.reason ? (
        <Text className="staff-assignment__reason">
          {task.status === 'cancelled' ? '取消原因' : '婉拒原因'}：{task.reason}
        </Text>
      ) : null}
      {task.history.length > 0 ? (
        <View className="staff-assignment__history">
          <Text className="staff-assignment__history-title">改派记录</Text>
          {task.history.map((entry) => (
            <Text key={`${entry.volunteerSignupId}-${entry.at}`} className="staff-assignment__history-entry">
              {entry.volunteerName}（{assignmentStatusLabels[entry.status]}
              {entry.reason ? `：${entry.reason}` : ''}）{shanghaiDateTime(new Date(entry.at))}
            </Text>
          ))}
        </View>
      ) : null}
      {next.length > 0 ? (
        <View className="staff-assignment__actions">
          {next.includes('cancelled') ? (
            <Button className="staff-assignment__cancel" type="default" disabled={busy} onClick={onCancel}>
              取消任务
            </Button>
          ) : null}
          {next.includes('assigned') ? (
            <Button
              className="staff-assignment__reassign"
              type="primary"
              fill={task.status === 'declined' ? 'solid' : 'outline'}
              disabled={busy}
              onClick={onReassign}
            >
              改派
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
