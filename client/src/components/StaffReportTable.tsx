import { reportKindLabels, type StationReport, shanghaiDateTime } from '@ankang/shared';
import { Text } from '@tarojs/components';
import { type DataColumn, DataTable } from './DataTable';
import './StaffReportTable.scss';

const columns: DataColumn<StationReport>[] = [
  {
    key: 'station',
    title: '驿站',
    width: 2,
    render: (report) => <Text className="staff-report-table__station">{report.stationName}</Text>,
  },
  {
    key: 'kind',
    title: '问题',
    width: 1.3,
    render: (report) => <Text className="staff-report-table__kind">{reportKindLabels[report.kind]}</Text>,
  },
  {
    key: 'text',
    title: '描述',
    width: 2.4,
    render: (report) => <Text className="staff-report-table__text">{report.text || '（未填写）'}</Text>,
  },
  {
    key: 'time',
    title: '反映时间',
    width: 1.5,
    render: (report) => <Text>{shanghaiDateTime(new Date(report.createdAt))}</Text>,
  },
];

export interface StaffReportTableProps {
  reports: StationReport[];
  selectedId: string | null;
  onSelect: (report: StationReport) => void;
}

/** 问题处理 on a wide screen: one row per report, where / what / when in columns. */
export function StaffReportTable({ reports, selectedId, onSelect }: StaffReportTableProps) {
  return (
    <DataTable
      className="staff-report-table"
      columns={columns}
      rows={reports}
      rowKey={(report) => report.id}
      selectedKey={selectedId}
      onSelect={onSelect}
    />
  );
}
