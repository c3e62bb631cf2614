import { type MyReport, reportKindLabels, reportStateLabels, shanghaiDateTime } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { openPage } from '../services/navigation';
import { stationRoute } from '../services/routes';
import { linkA11y } from './buttonA11y';
import { StationPhotos } from './StationPhotos';
import './MyReportCard.scss';

/** What the union did, in words a worker reads at a glance. */
const answerLine: Record<MyReport['state'], string> = {
  new: '工会还未处理，请耐心等待',
  acknowledged: '工会已受理，正在处理',
  resolved: '工会已处理完毕',
};

/** One of the worker's own reports: where, what they wrote, and how the union answered. */
export function MyReportCard({ report }: { report: MyReport }) {
  const others = report.reportCount - 1;
  return (
    <View className="my-report" data-id={report.id}>
      <View className="my-report__head">
        <View
          className="my-report__station"
          {...linkA11y(() => void openPage(stationRoute(report.stationId)))}
        >
          <Text>{report.stationName}</Text>
        </View>
        <Text className={`my-report__state my-report__state--${report.state}`}>
          {reportStateLabels[report.state]}
        </Text>
      </View>
      <Text className="my-report__kind">{reportKindLabels[report.kind]}</Text>
      {report.text ? <Text className="my-report__text">{report.text}</Text> : null}
      <StationPhotos photos={report.photos} title="我拍的照片" />
      <Text className="my-report__time">
        {`${shanghaiDateTime(new Date(report.createdAt))} 反映${others > 0 ? ` · 另有 ${others} 人反映了同一问题` : ''}`}
      </Text>
      <View className="my-report__answer">
        <Text className="my-report__answer-line">{answerLine[report.state]}</Text>
        {report.note ? <Text className="my-report__note">{`工会回复：${report.note}`}</Text> : null}
        {report.handledAt ? (
          <Text className="my-report__time">{`${shanghaiDateTime(new Date(report.handledAt))} 处理`}</Text>
        ) : null}
      </View>
    </View>
  );
}
