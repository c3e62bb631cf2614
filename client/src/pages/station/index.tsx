import { hostTypeLabels, weekSchedule } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { AmenityChips } from '../../components/AmenityChips';
import { HoursWeek } from '../../components/HoursWeek';
import { OpenBadge } from '../../components/OpenBadge';
import { RatingForm } from '../../components/RatingForm';
import { RatingSummary } from '../../components/RatingSummary';
import { ReportForm } from '../../components/ReportForm';
import { StateView } from '../../components/StateView';
import { StationActions } from '../../components/StationActions';
import { useStationDetail } from '../../hooks/useStationDetail';
import { useStationFeedback } from '../../hooks/useStationFeedback';
import { goBackOr } from '../../services/navigation';
import { routes } from '../../services/routes';
import './index.scss';

/** One station: status and this week's hours, what it offers, how to get there, rate it, report a problem. */
export default function StationPage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : undefined;
  const { data: station, error, loading, retry } = useStationDetail(id);
  const feedback = useStationFeedback(id, retry);

  if (!id) {
    return (
      <View className="page station-page">
        <StateView
          tone="error"
          title="缺少驿站编号"
          actions={[{ text: '返回驿站列表', onClick: () => void goBackOr(routes.stations) }]}
        />
      </View>
    );
  }
  if (!station) {
    return (
      <View className="page station-page">
        {error ? (
          <StateView
            tone="error"
            title={error.code === 'STATION_NOT_FOUND' ? '未找到该驿站' : '驿站信息加载失败'}
            description={error.message}
            actions={[
              ...(error.code === 'STATION_NOT_FOUND' ? [] : [{ text: '重试', onClick: retry }]),
              { text: '返回驿站列表', onClick: () => void goBackOr(routes.stations), primary: false },
            ]}
          />
        ) : (
          <StateView tone="loading" title={loading ? '正在加载驿站信息…' : ''} />
        )}
      </View>
    );
  }

  const week = weekSchedule(station.hours, new Date());
  return (
    <View className="page station-page">
      <View className="station-page__card station-page__head">
        <Text className="station-page__name">{station.name}</Text>
        {station.bestYears.length > 0 ? (
          <Text className="station-page__best">{`最美驿站 ${station.bestYears.join('、')}`}</Text>
        ) : null}
        <OpenBadge open={station.open} status={station.status} label={station.hoursLabel} />
        <Text className="station-page__meta">{`${hostTypeLabels[station.hostType]} · ${station.district}`}</Text>
        <Text className="station-page__address">{station.address}</Text>
        <StationActions station={station} />
      </View>

      <View className="station-page__card">
        <Text className="station-page__title">本周开放时间</Text>
        <HoursWeek days={week} />
      </View>

      <View className="station-page__card">
        <Text className="station-page__title">服务设施</Text>
        {station.amenities.length > 0 ? (
          <AmenityChips codes={station.amenities} large />
        ) : (
          <Text className="station-page__muted">暂无设施信息</Text>
        )}
      </View>

      <View className="station-page__card">
        <Text className="station-page__title">评价</Text>
        <RatingSummary rating={station.rating} />
        {feedback.rated ? (
          <Text className="station-page__done">感谢您的评价！</Text>
        ) : (
          <RatingForm submitting={feedback.rating.submitting} onSubmit={feedback.rate} />
        )}
      </View>

      <View className="station-page__card">
        <Text className="station-page__title">反映问题</Text>
        {feedback.reported ? (
          <Text className="station-page__done">已提交，工会工作人员会尽快处理。</Text>
        ) : (
          <ReportForm submitting={feedback.report.submitting} onSubmit={feedback.sendReport} />
        )}
      </View>

      {station.lastVerifiedAt ? (
        <Text className="station-page__verified">{`信息核实于 ${station.lastVerifiedAt.slice(0, 10)}`}</Text>
      ) : null}
    </View>
  );
}
