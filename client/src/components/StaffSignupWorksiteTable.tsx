import type { WorksiteSignup } from '@ankang/shared';
import { Text } from '@tarojs/components';
import { type catalogNames, requestedText } from '../services/staffOutreachFormat';
import type { DataColumn } from './DataTable';
import { StaffSignupTable } from './StaffSignupTable';

export interface StaffSignupWorksiteTableProps {
  signups: WorksiteSignup[];
  names: ReturnType<typeof catalogNames>;
  selectedId: string | null;
  onSelect: (signup: WorksiteSignup) => void;
}

/** 工地报名 on a wide screen: one row per site; the selected one's card (with its actions) beside it. */
export function StaffSignupWorksiteTable({
  signups,
  names,
  selectedId,
  onSelect,
}: StaffSignupWorksiteTableProps) {
  const columns: DataColumn<WorksiteSignup>[] = [
    { key: 'site', title: '工地/站点', width: 2, render: (s) => <Text>{s.siteName}</Text> },
    { key: 'district', title: '地区', width: 1.4, render: (s) => <Text>{s.orgName}</Text> },
    {
      key: 'workers',
      title: '户外/高温',
      width: 1,
      render: (s) => <Text>{`${s.outdoorWorkers} / ${s.highTempWorkers} 人`}</Text>,
    },
    {
      key: 'requested',
      title: '需求',
      width: 2.4,
      render: (s) => <Text>{requestedText(s.requested, names)}</Text>,
    },
    { key: 'contact', title: '联系人', width: 1.2, render: (s) => <Text>{s.contactName}</Text> },
  ];
  return <StaffSignupTable columns={columns} signups={signups} selectedId={selectedId} onSelect={onSelect} />;
}
