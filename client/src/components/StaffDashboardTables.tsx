import type { DeliveryDashboard } from '@ankang/shared';
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { yuan } from '../services/staffDeliveryFormat';
import { type DataColumn, DataTable } from './DataTable';
import './StaffDashboard.scss';

type ItemRow = DeliveryDashboard['byItem'][number];
type OrgRow = DeliveryDashboard['byOrg'][number];
type VolunteerRow = DeliveryDashboard['topVolunteers'][number];

/** A titled block of the dashboard. */
export function StaffDashboardSection({
  title,
  name,
  children,
}: {
  title: string;
  name: string;
  children: ReactNode;
}) {
  return (
    <View className={`staff-dashboard-section staff-dashboard-section--${name}`}>
      <Text className="staff-dashboard-section__title">{title}</Text>
      {children}
    </View>
  );
}

const itemColumns: DataColumn<ItemRow>[] = [
  { key: 'name', title: '物资', width: 2, render: (row) => <Text>{row.name}</Text> },
  {
    key: 'quantity',
    title: '数量',
    width: 1.2,
    render: (row) => <Text>{`${row.quantity} ${row.unit}`}</Text>,
  },
  { key: 'money', title: '金额', width: 1.4, render: (row) => <Text>{yuan(row.moneyFen)}</Text> },
];

/** 物资明细: each item of the catalog handed out, with its quantity and what it cost. */
export function StaffDashboardItems({ rows }: { rows: ItemRow[] }) {
  return (
    <DataTable
      className="staff-dashboard-table staff-dashboard-table--items"
      columns={itemColumns}
      rows={rows}
      rowKey={(row) => `${row.kind}/${row.code}`}
    />
  );
}

const orgColumns: DataColumn<OrgRow>[] = [
  { key: 'name', title: '组织', width: 2, render: (row) => <Text>{row.orgName}</Text> },
  { key: 'deliveries', title: '配送', width: 0.9, render: (row) => <Text>{row.deliveries}</Text> },
  { key: 'handouts', title: '清凉码', width: 0.9, render: (row) => <Text>{row.handouts}</Text> },
  { key: 'people', title: '人次', width: 0.9, render: (row) => <Text>{row.people}</Text> },
  { key: 'money', title: '金额', width: 1.4, render: (row) => <Text>{yuan(row.moneyFen)}</Text> },
];

/** 下级组织: the viewed node's children; tapping one opens its own figures. */
export function StaffDashboardOrgs({ rows, onOpen }: { rows: OrgRow[]; onOpen: (orgPath: string) => void }) {
  return (
    <DataTable
      className="staff-dashboard-table staff-dashboard-table--orgs"
      columns={orgColumns}
      rows={rows}
      rowKey={(row) => row.orgPath}
      onSelect={(row) => onOpen(row.orgPath)}
    />
  );
}

type RankedVolunteer = VolunteerRow & { rank: number };

const volunteerColumns: DataColumn<RankedVolunteer>[] = [
  { key: 'rank', title: '名次', width: 0.6, render: (row) => <Text>{row.rank}</Text> },
  { key: 'name', title: '志愿者', width: 1.6, render: (row) => <Text>{row.name}</Text> },
  { key: 'deliveries', title: '配送', width: 1, render: (row) => <Text>{row.deliveries}</Text> },
  { key: 'people', title: '人次', width: 1, render: (row) => <Text>{row.people}</Text> },
];

/** 志愿者排行: the ten who delivered most, in the server's order. */
export function StaffDashboardVolunteers({ rows }: { rows: VolunteerRow[] }) {
  return (
    <DataTable
      className="staff-dashboard-table staff-dashboard-table--volunteers"
      columns={volunteerColumns}
      rows={rows.map((row, index) => ({ ...row, rank: index + 1 }))}
      rowKey={(row) => row.volunteerSignupId}
    />
  );
}

/** 覆盖情况: approved sites with an approved delivery, and those still waiting for one. */
export function StaffDashboardCoverage({ coverage }: { coverage: DeliveryDashboard['coverage'] }) {
  const { approvedSites, coveredSites, uncovered, uncoveredMore } = coverage;
  const share = approvedSites ? Math.round((coveredSites / approvedSites) * 100) : 0;
  return (
    <View className="staff-dashboard-coverage">
      <Text className="staff-dashboard-coverage__figure">
        已覆盖 {coveredSites} / {approvedSites} 个工地{approvedSites ? `（${share}%）` : ''}
      </Text>
      <View className="staff-dashboard-coverage__bar">
        <View className="staff-dashboard-coverage__fill" style={{ width: `${share}%` }} />
      </View>
      {uncovered.length > 0 ? (
        <View className="staff-dashboard-coverage__list">
          <Text className="staff-dashboard-coverage__hint">尚无已通过配送记录的工地：</Text>
          {uncovered.map((site) => (
            <Text key={site.worksiteSignupId} className="staff-dashboard-coverage__site">
              {site.siteName} · {site.orgName}
            </Text>
          ))}
          {uncoveredMore ? (
            <Text className="staff-dashboard-coverage__more">
              还有更多，此处只列出前 {uncovered.length} 个
            </Text>
          ) : null}
        </View>
      ) : approvedSites > 0 ? (
        <Text className="staff-dashboard-coverage__hint">所有已通过报名的工地都已送达。</Text>
      ) : (
        <Text className="staff-dashboard-coverage__hint">还没有已通过报名的工地。</Text>
      )}
    </View>
  );
}
