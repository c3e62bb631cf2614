import { type QueuedProblem, reportKindLabels, shanghaiDateTime } from '@ankang/shared';
import { Text } from '@tarojs/components';
import { type DataColumn, DataTable } from './DataTable';
import './StaffReportTable.scss';

const columns: DataColumn<QueuedProblem>[] = [
  {
    key: 'station',
    title: '驿站',
    width: 2,
    render: (problem) => <Text className="staff-report-table__station">{problem.stationName}</Text>,
  },
  {
    key: 'kind',
    title: '问题',
    width: 1.3,
    render: (problem) => <Text className="staff-report-table__kind">{reportKindLabels[problem.kind]}</Text>,
  },
  {
    key: 'count',
    title: '反映人数',
    width: 0.9,
    render: (problem) => <Text>{`${problem.reportCount} 人`}</Text>,
  },
  {
    key: 'text',
    title: '最新描述',
    width: 2.4,
    render: (problem) => (
      <Text className="staff-report-table__text">{problem.recent[0]?.text || '（未填写）'}</Text>
    ),
  },
  {
    key: 'time',
    title: '最新反映',
    width: 1.5,
    render: (problem) => <Text>{shanghaiDateTime(new Date(problem.lastReportedAt))}</Text>,
  },
];

export interface StaffReportTableProps {
  problems: QueuedProblem[];
  selectedId: string | null;
  onSelect: (problem: QueuedProblem) => void;
}

/** 问题处理 on a wide screen: one row per problem, newest report first. */
export function StaffReportTable({ problems, selectedId, onSelect }: StaffReportTableProps) {
  return (
    <DataTable
      className="staff-report-table"
      columns={columns}
      rows={problems}
      rowKey={(problem) => problem.id}
      selectedKey={selectedId}
      onSelect={onSelect}
    />
  );
}
