import type { ManagedStation } from '@ankang/shared';
import { Text } from '@tarojs/components';
import { STALE_DAYS } from '../services/staffStations';
import { isStale, verifiedLabel } from '../services/verifiedLabel';
import { type DataColumn, DataTable } from './DataTable';
import { statusText } from './StaffStationRow';
import './StaffStationTable.scss';

const columns: DataColumn<ManagedStation>[] = [
  {
    key: 'name',
    title: '驿站',
    width: 2.4,
    render: (station) => <Text className="staff-station-table__name">{station.name}</Text>,
  },
  { key: 'district', title: '区域', width: 1.5, render: (station) => <Text>{station.district}</Text> },
  {
    key: 'status',
    title: '开放状态',
    width: 1.7,
    render: (station) => {
      const status = statusText(station);
      return <Text className={`staff-station-table__status--${status.tone}`}>{status.text}</Text>;
    },
  },
  {
    key: 'verified',
    title: '核实情况',
    width: 1.2,
    render: (station) => (
      <Text className={isStale(station.lastVerifiedAt, STALE_DAYS) ? 'staff-station-table__stale' : ''}>
        {verifiedLabel(station.lastVerifiedAt)}
      </Text>
    ),
  },
  {
    key: 'reports',
    title: '待处理问题',
    width: 1,
    render: (station) =>
      station.openReports > 0 ? (
        <Text className="staff-station-table__reports">{station.openReports} 个</Text>
      ) : (
        <Text className="staff-station-table__none">无</Text>
      ),
  },
];

export interface StaffStationTableProps {
  stations: ManagedStation[];
  selectedId: string | null;
  onSelect: (station: ManagedStation) => void;
}

/** 我的驿站 on a wide screen: one row per station, what needs attention in columns. */
export function StaffStationTable({ stations, selectedId, onSelect }: StaffStationTableProps) {
  return (
    <DataTable
      className="staff-station-table"
      columns={columns}
      rows={stations}
      rowKey={(station) => station.id}
      selectedKey={selectedId}
      onSelect={onSelect}
    />
  );
}
