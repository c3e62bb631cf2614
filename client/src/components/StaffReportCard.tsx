import { reportKindLabels, type StationReport, shanghaiDateTime } from '@ankang/shared';
import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';

import './StaffReportCard.scss';

export interface StaffReportCardProps {
  report: StationReport;
  busy: boolean;
  onAcknowledge?: () => void;
  onResolve?: () => void;
}

/** One problem a worker reported: where, what, when, and the next step. */
export function StaffReportCard({ report, busy, onAcknowledge, onResolve }: StaffReportCardProps) {
  return (
    <View className="staff-report" data-id={report.id}>
      <View className="staff-report__head">
        <Text className="staff-report__station">{report.stationName}</Text>
        <Text className="staff-report__kind">{reportKindLabels[report.kind]}</Text>
      </View>
      {report.text ? <Text className="staff-report__text">{report.text}</Text> : null}
      <Text className="staff-report__time">{shanghaiDateTime(new Date(report.createdAt))} 反映</Text>
      {report.note ? <Text className="staff-report__note">处理说明：{report.note}</Text> : null}
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
