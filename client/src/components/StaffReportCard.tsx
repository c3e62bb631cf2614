import { type QueuedProblem, reportKindLabels, reportStateLabels, shanghaiDateTime } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import { StationPhotos } from './StationPhotos';

import './StaffReportCard.scss';

export interface StaffReportCardProps {
  problem: QueuedProblem;
  busy: boolean;
  /** Shows the station's name (a card standing alone, e.g. beside the table). */
  withStation?: boolean;
  onAcknowledge?: () => void;
  onResolve?: () => void;
}

/**
 * One problem at a station: what, how many people reported it, their latest words and photos,
 * staff's answer so far, and the next step (which answers everyone who reported it).
 */
export function StaffReportCard({
  problem,
  busy,
  withStation,
  onAcknowledge,
  onResolve,
}: StaffReportCardProps) {
  const photos = problem.recent.flatMap((report) => report.photos);
  return (
    <View className="staff-report" data-id={problem.id}>
      {withStation ? <Text className="staff-report__station">{problem.stationName}</Text> : null}
      <View className="staff-report__head">
        <Text className="staff-report__kind">{reportKindLabels[problem.kind]}</Text>
        <Text className={`staff-report__count${problem.reportCount > 1 ? ' staff-report__count--many' : ''}`}>
          {`${problem.reportCount} 人反映`}
        </Text>
        <Text className="staff-report__state">{reportStateLabels[problem.state]}</Text>
      </View>
      {problem.recent.map((report) => (
        <View key={report.id} className="staff-report__entry">
          <Text className="staff-report__text">{report.text || '（未填写描述）'}</Text>
          <Text className="staff-report__time">{shanghaiDateTime(new Date(report.createdAt))} 反映</Text>
        </View>
      ))}
      {problem.reportCount > problem.recent.length ? (
        <Text className="staff-report__more">{`另有 ${problem.reportCount - problem.recent.length} 人反映同一问题`}</Text>
      ) : null}
      <StationPhotos photos={photos} title="现场照片" />
      {problem.note ? <Text className="staff-report__note">处理说明：{problem.note}</Text> : null}
      {onAcknowledge || onResolve ? (
        <View className="staff-report__actions">
          {onAcknowledge ? (
            <Button type="primary" fill="outline" disabled={busy} onClick={onAcknowledge}>
              受理
            </Button>
          ) : null}
          {onResolve ? (
            <Button type="primary" disabled={busy} onClick={onResolve}>
              解决
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
