import type { Delivery } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import { deliveredAtText, itemsText } from '../services/staffDeliveryFormat';
import { type DataColumn, DataTable } from './DataTable';
import { StaffDeliveryFlags } from './StaffDeliveryFlags';

const columns: DataColumn<Delivery>[] = [
  { key: 'site', title: '地点', width: 2, render: (d) => <Text>{d.siteName}</Text> },
  { key: 'district', title: '地区', width: 1.4, render: (d) => <Text>{d.orgName}</Text> },
  { key: 'volunteer', title: '志愿者', width: 1, render: (d) => <Text>{d.volunteerName}</Text> },
  {
    key: 'items',
    title: '类别与物资',
    width: 2.4,
    render: (d) => <Text>{`${d.kindName}：${itemsText(d.items)}`}</Text>,
  },
  { key: 'people', title: '人次', width: 0.7, render: (d) => <Text>{d.peopleReached}</Text> },
  { key: 'time', title: '时间', width: 1.3, render: (d) => <Text>{deliveredAtText(d)}</Text> },
  {
    key: 'flags',
    title: '标记',
    width: 1.4,
    render: (d) => (
      <View>
        <StaffDeliveryFlags flags={d.flags} />
        {d.photos.length ? <Text>{`照片 ${d.photos.length} 张`}</Text> : null}
      </View>
    ),
  },
];

export interface StaffDeliveryTableProps {
  deliveries: Delivery[];
  selectedId: string | null;
  onSelect: (delivery: Delivery) => void;
}

/** 配送审核 on a wide screen: one row per record; the selected one's card (photos, actions) beside it. */
export function StaffDeliveryTable({ deliveries, selectedId, onSelect }: StaffDeliveryTableProps) {
  return (
    <DataTable
      className="staff-delivery-table"
      columns={columns}
      rows={deliveries}
      rowKey={(d) => d.id}
      selectedKey={selectedId}
      onSelect={onSelect}
    />
  );
}
