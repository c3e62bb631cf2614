import { distanceMeters, hostTypeLabels, type StationSummary, weekSchedule } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { AmenityChips } from '../../components/AmenityChips';
import { buttonA11y } from '../../components/buttonA11y';
import { HoursWeek } from '../../components/HoursWeek';
import { OpenBadge } from '../../components/OpenBadge';
import { RatingForm } from '../../components/RatingForm';
import { RatingSummary } from '../../components/RatingSummary';
import { ReportForm } from '../../components/ReportForm';
import { StateView } from '../../components/StateView';
import { StationActions } from '../../components/StationActions';
import { StationComments } from '../../components/StationComments';
import { StationPhotos } from '../../components/StationPhotos';
import { useStationComments } from '../../hooks/useStationComments';
import { useStationDetail } from '../../hooks/useStationDetail';
import { useStationFeedback } from '../../hooks/useStationFeedback';
import { formatClock, formatDistance } from '../../services/format';
import { goBackOr } from '../../services/navigation';
import { stationIdOf } from '../../services/pageUrl';
import { routes } from '../../services/routes';
import { type CachedSummary, type LastPoint, loadLastPoint } from '../../services/stationsCache';
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
  // `?id=` from a list, or `?scene=` when a station's poster code was scanned.
  const id = stationIdOf(params);
  const { data: station, error, loading, retry, saved } = useStationDetail(id);
  const feedback = useStationFeedback(id, retry);
  // Loaded again after the worker's own rating, which may have added a comment.
  const comments = useStationComments(id, feedback.rated);
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
  if (!station && saved) return <SavedStation saved={saved} from={from} retrying={loading} onRetry={retry} />;
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
  return (
    <View className="page station-page">
      <StationHead station={station} from={from} now={now} />
      <StationPhotos photos={station.photos} />

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
        <StationComments
          comments={comments.data}
          loading={comments.loading}
          error={comments.error}
          onRetry={comments.retry}
          ownState={feedback.commentState}
        />
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

type Shown = Pick<
  StationSummary,
  | 'name'
  | 'bestYears'
  | 'status'
  | 'open'
  | 'hoursLabel'
  | 'hostType'
  | 'district'
  | 'address'
  | 'location'
  | 'phone'
>;

/** The head card: name, status first (a pause with its reason and reopen time), where, how far, 导航. */
function StationHead({ station, from, now }: { station: Shown; from: LastPoint | null; now: Date }) {
  const paused = pauseNotice(station.status, now);
  const distanceM = from
    ? distanceMeters({ lat: from.latitude, lng: from.longitude }, station.location)
    : null;
  return (
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
  );
}

/**
 * No network, and the station as a list last showed it: what a worker on the road needs (where,
 * 导航, 电话, what it offers), marked as saved, with 重试 (the summary stays while it loads);
 * rating and reporting wait for the network.
 */
function SavedStation({
  saved,
  from,
  retrying,
  onRetry,
}: {
  saved: CachedSummary;
  from: LastPoint | null;
  retrying: boolean;
  onRetry: () => void;
}) {
  const { station, at } = saved;
  return (
    <View className="page station-page">
      <View className="station-page__saved" role="status">
        <Text className="station-page__saved-text">
          {`网络连接失败。以下是 ${formatClock(at)} 保存的信息，营业状态可能已有变化；评价和反映问题需联网后进行。`}
        </Text>
        <View
          className={`station-page__saved-retry${retrying ? ' station-page__saved-retry--busy' : ''}`}
          {...buttonA11y(onRetry, retrying)}
        >
          <Text>{retrying ? '正在重试…' : '重试'}</Text>
        </View>
      </View>
      <StationHead station={station} from={from} now={new Date()} />
      <View className="station-page__card">
        <Text className="station-page__title">服务设施</Text>
        {station.amenities.length > 0 ? (
          <AmenityChips codes={station.amenities} large />
        ) : (
          <Text className="station-page__muted">暂无设施信息</Text>
        )}
      </View>
    </View>
  );
}
