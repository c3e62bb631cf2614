import {
  type ManagedStation,
  openingLabel,
  type PhotoView,
  type Station,
  type StationDetail,
  type StationSummary,
  stationOpeningStatus,
} from '@ankang/shared';

/** A station as a worker's list row, with its open state at `at`. */
export function toStationSummary(station: Station, at: Date): StationSummary {
  const status = stationOpeningStatus(station, at);
  return {
    id: station.id,
    name: station.name,
    address: station.address,
    district: station.district,
    ...(station.place ? { place: station.place } : {}),
    location: station.location,
    hostType: station.hostType,
    amenities: station.amenities,
    ...(station.phone ? { phone: station.phone } : {}),
    status: station.status,
    bestYears: station.bestYears,
    rating: { average: station.rating.average, count: station.rating.count },
    open: status.open,
    ...(status.changesAt ? { changesAt: status.changesAt.toISOString() } : {}),
    hoursLabel: hoursLabelOf(station, status, at),
  };
}

/** The list label, led by the closure reason when staff closed the station. */
function hoursLabelOf(station: Station, status: ReturnType<typeof stationOpeningStatus>, at: Date): string {
  if (station.status.state === 'closed') return '已停用';
  if (station.status.state === 'temporarilyClosed' && !status.open) {
    return `暂停开放：${station.status.reason}`;
  }
  return openingLabel(status, at);
}

/** The detail page's view; `photos` are the gallery's links (see attachedPhotoViews). */
export function toStationDetail(station: Station, at: Date, photos: PhotoView[]): StationDetail {
  return {
    ...toStationSummary(station, at),
    hours: station.hours,
    photos,
    lastVerifiedAt: station.lastVerifiedAt,
    rating: station.rating,
    version: station.version,
    updatedAt: station.updatedAt,
  };
}

export function toManagedStation(station: Station, at: Date): ManagedStation {
  const summary = toStationSummary(station, at);
  return { ...station, open: summary.open, hoursLabel: summary.hoursLabel };
}
