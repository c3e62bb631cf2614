import { distanceMeters, hostTypeLabels, weekSchedule } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
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
import { formatDistance } from '../../services/format';
import { goBackOr } from '../../services/navigation';
import { routes } from '../../services/routes';
import { loadLastPoint } from '../../services/stationsCache';
import { pauseNotice, walkingLabel } from '../../services/stationView';
import './index.scss';

/** A fix older than this says little about where the worker is now: no distance then. */
const LAST_POINT_MAX_AGE_MS = 60 * 60_000;

/**
 * One station: status first (a pause with its reason and reopen time above a greyed week), how far
 * and how long on foot from the worker's last fix, what it offers, how to get there, rate it,
 * report a problem (both kept as typed, across a sign-in).
 */
export default function StationPage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : undefined;
  const { data: station, error, loading, retry } = useStationDetail(id);
  const feedback = useStationFeedback(id, retry);
  const [from] = useState(() => loadLastPoint(LAST_POINT_MAX_AGE_MS));

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

  const now = new Date();
  const week = weekSchedule(station.hours, now);
  const paused = pauseNotice(station.status, now);
  const distanceM = from
    ? distanceMeters({ lat: from.latitude, lng: from.longitude }, station.location)
    : null;
  return (
    <View className="page station-page">
      <View className="station-page__card station-page__head">
        <Text className="station-page__name">{station.name}</Text>
        {station.bestYears.length > 0 ? (
          <Text className="station-page__best">{`最美驿站 ${station.bestYears.join('、')}`}</Text>
        ) : null}
        {paused ? (
          <View className="station-page__paused" role="status">
            <Text className="station-page__paused-title">{paused.title}</Text>
            {paused.reason ? (
              <Text className="station-page__paused-line">{`原因：${paused.reason}`}</Text>
            ) : null}
            <Text className="station-page__paused-line">{paused.resume ?? '恢复时间待定'}</Text>
          </View>
        ) : (
          <OpenBadge open={station.open} status={station.status} label={station.hoursLabel} />
        )}
        <Text className="station-page__meta">{`${hostTypeLabels[station.hostType]} · ${station.district}`}</Text>
        <Text className="station-page__address">{station.address}</Text>
        {distanceM !== null ? (
          <Text className="station-page__distance">
            {`距您约 ${formatDistance(distanceM)} · ${walkingLabel(distanceM)}`}
          </Text>
        ) : null}
        <StationActions station={station} />
      </View>

      <View className="station-page__card">
        <Text className="station-page__title">
          {paused ? '平时开放时间（暂停期间不开放）' : '本周开放时间'}
        </Text>
        <HoursWeek days={week} dimmed={paused !== null} />
      </View>

      <View className="station-page__card">
        <Text className="station-page__title">服务设施</Text>
        {station.amenities.length > 0 ? (
          <AmenityChips codes={station.amenities} large />
        ) : (
          <Text className="station-page__muted">暂无设施信息</Text>
        )}
      </View>

      {feedback.restored && !feedback.rated && !feedback.reported ? (
        <View className="station-page__restored" role="status">
          <Text>已恢复您登录前填写的内容，确认后提交即可。</Text>
        </View>
      ) : null}

      <View className="station-page__card">
        <Text className="station-page__title">评价</Text>
        <RatingSummary rating={station.rating} />
        {feedback.rated ? (
          <Text className="station-page__done">感谢您的评价！</Text>
        ) : (
          <RatingForm
            value={feedback.ratingDraft}
            onChange={feedback.editRating}
            submitting={feedback.rating.submitting}
            onSubmit={feedback.rate}
          />
        )}
      </View>

      <View className="station-page__card">
        <Text className="station-page__title">反映问题</Text>
        {feedback.reported ? (
          <Text className="station-page__done">已提交，工会工作人员会尽快处理。</Text>
        ) : (
          <ReportForm
            value={feedback.reportDraft}
            onChange={feedback.editReport}
            submitting={feedback.report.submitting}
            onSubmit={feedback.sendReport}
          />
        )}
      </View>

      {station.lastVerifiedAt ? (
        <Text className="station-page__verified">{`信息核实于 ${station.lastVerifiedAt.slice(0, 10)}`}</Text>
      ) : null}
    </View>
  );
}
