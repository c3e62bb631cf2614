import type { Campaign } from '@ankang/shared';
import { Text } from '@tarojs/components';
import { rangeLabel } from '../services/outreachDates';
import { type DataColumn, DataTable } from './DataTable';
import { StaffCampaignBadge } from './StaffCampaignBadge';

const columns: DataColumn<Campaign>[] = [
  {
    key: 'title',
    title: '活动',
    width: 2.4,
    render: (campaign) => <Text className="staff-campaign-table__title">{campaign.title}</Text>,
  },
  {
    key: 'status',
    title: '状态',
    width: 1.1,
    render: (campaign) => <StaffCampaignBadge status={campaign.status} />,
  },
  {
    key: 'season',
    title: '活动日期',
    width: 2,
    render: (campaign) => <Text>{rangeLabel(campaign.season)}</Text>,
  },
  {
    key: 'signup',
    title: '报名时间',
    width: 2,
    render: (campaign) => <Text>{rangeLabel(campaign.signup)}</Text>,
  },
  {
    key: 'kinds',
    title: '类别',
    width: 1.6,
    render: (campaign) => <Text>{campaign.kinds.map((kind) => kind.name).join('、')}</Text>,
  },
];

export interface StaffCampaignTableProps {
  campaigns: Campaign[];
  selectedId: string | null;
  onSelect: (campaign: Campaign) => void;
}

/** 三送活动 on a wide screen: one row per campaign; the selected one's card shows beside the table. */
export function StaffCampaignTable({ campaigns, selectedId, onSelect }: StaffCampaignTableProps) {
  return (
    <DataTable
      className="staff-campaign-table"
      columns={columns}
      rows={campaigns}
      rowKey={(campaign) => campaign.id}
      selectedKey={selectedId}
      onSelect={onSelect}
    />
  );
}
