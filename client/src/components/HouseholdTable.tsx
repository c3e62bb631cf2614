import type { HouseholdSummary } from '@ankang/shared';
import { Text } from '@tarojs/components';
import { dayText, perMonth } from '../services/hardshipFormat';
import { type DataColumn, DataTable } from './DataTable';
import { HouseholdBadges } from './HouseholdBadges';

const columns: DataColumn<HouseholdSummary>[] = [
  { key: 'name', title: '户主', width: 1, render: (f) => <Text>{f.headName}</Text> },
  { key: 'id', title: '身份证号码', width: 2.3, render: (f) => <Text>{f.idNumberMasked}</Text> },
  { key: 'district', title: '地区', width: 0.9, render: (f) => <Text>{f.district}</Text> },
  { key: 'badges', title: '类别与状态', width: 1.8, render: (f) => <HouseholdBadges file={f} /> },
  {
    key: 'income',
    title: '人均月收入',
    width: 1.2,
    render: (f) => <Text>{perMonth(f.perCapitaMonthlyFen)}</Text>,
  },
  {
    key: 'visit',
    title: '上次走访',
    width: 1,
    render: (f) => <Text>{f.lastVisitOn ? dayText(f.lastVisitOn) : '尚未走访'}</Text>,
  },
  { key: 'caseworker', title: '责任人', width: 0.8, render: (f) => <Text>{f.caseworkerName}</Text> },
];

export interface HouseholdTableProps {
  files: HouseholdSummary[];
  selectedId: string | null;
  onSelect: (file: HouseholdSummary) => void;
}

/** 困难职工档案 on a wide screen: one row per file; the selected one's card beside the table. */
export function HouseholdTable({ files, selectedId, onSelect }: HouseholdTableProps) {
  return (
    <DataTable
      className="household-table"
      columns={columns}
      rows={files}
      rowKey={(f) => f.id}
      selectedKey={selectedId}
      onSelect={onSelect}
    />
  );
}
