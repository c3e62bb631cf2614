import { assignmentStatusLabels, halfDayLabels } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { formatDistance } from '../services/format';
import type { Task } from '../services/outreach';
import { dateLabel } from '../services/outreachDates';
import './VolunteerTaskRow.scss';

export interface VolunteerTaskRowProps {
  task: Task;
  /** Absent without the volunteer's position or the site's. */
  distanceM?: number;
  onOpen: (id: string) => void;
}

/** One task on 我的任务: when, where, how far, and whether it waits for an answer. */
export function VolunteerTaskRow({ task, distanceM, onOpen }: VolunteerTaskRowProps) {
  return (
    <View className={`volunteer-task volunteer-task--${task.status}`} onClick={() => onOpen(task.id)}>
      <View className="volunteer-task__head">
        <Text className="volunteer-task__when">{`${dateLabel(task.date)} ${halfDayLabels[task.slot]}`}</Text>
        <Text className={`volunteer-task__status volunteer-task__status--${task.status}`}>
          {assignmentStatusLabels[task.status]}
        </Text>
      </View>
      <View className="volunteer-task__site">
        <Text className="volunteer-task__name">{task.site.siteName}</Text>
        {distanceM !== undefined ? (
          <Text className="volunteer-task__distance">{formatDistance(distanceM)}</Text>
        ) : null}
      </View>
      <Text className="volunteer-task__address">{task.site.address}</Text>
      <Text className="volunteer-task__campaign">{task.campaignTitle}</Text>
    </View>
  );
}
