import { type VolunteerSignup, volunteerSkillLabels } from '@ankang/shared';
import { Text } from '@tarojs/components';
import type { DataColumn } from './DataTable';
import { StaffSignupTable } from './StaffSignupTable';

export interface StaffSignupVolunteerTableProps {
  signups: VolunteerSignup[];
  districtName: (path: string) => string;
  selectedId: string | null;
  onSelect: (signup: VolunteerSignup) => void;
}

/** 志愿者报名 on a wide screen: one row per volunteer; the selected one's card beside it. */
export function StaffSignupVolunteerTable({
  signups,
  districtName,
  selectedId,
  onSelect,
}: StaffSignupVolunteerTableProps) {
  const columns: DataColumn<VolunteerSignup>[] = [
    { key: 'name', title: '姓名', width: 1.2, render: (s) => <Text>{s.name}</Text> },
    {
      key: 'districts',
      title: '服务区域',
      width: 2,
      render: (s) => <Text>{s.districts.map(districtName).join('、')}</Text>,
    },
    {
      key: 'slots',
      title: '可服务',
      width: 1,
      render: (s) => <Text>{`${s.availability.length} 个半天`}</Text>,
    },
    {
      key: 'skills',
      title: '技能',
      width: 1.6,
      render: (s) => <Text>{s.skills.map((skill) => volunteerSkillLabels[skill]).join('、') || '—'}</Text>,
    },
    { key: 'phone', title: '电话', width: 1.4, render: (s) => <Text>{s.phoneMasked}</Text> },
  ];
  return <StaffSignupTable columns={columns} signups={signups} selectedId={selectedId} onSelect={onSelect} />;
}
