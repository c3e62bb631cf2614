import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import { type LinkItem, LinkList } from '../../../components/LinkList';
import { OrgCard } from '../../../components/OrgCard';
import { useNewReportCount } from '../../../hooks/useNewReportCount';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { hardshipRoutes } from '../../../services/hardshipRoutes';
import { openPage } from '../../../services/navigation';
import { editStationUrl, staffRoutes } from '../../../services/staffRoutes';
import './index.scss';
import { GateFallback } from '../../../components/GateFallback';

function reportsDescription(count: { count: number; more: boolean } | undefined): string {
  if (!count) return '职工反映的驿站问题';
  if (count.count === 0) return '暂无待处理问题';
  return `${count.count}${count.more ? '+' : ''} 个问题待处理`;
}

/** Union staff's landing page (subpackage): station upkeep, the 三送 campaigns and hardship monitoring. */
export default function StaffHomePage() {
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const reports = useNewReportCount(gate.kind === 'allowed');
  // The count changes while staff work on the queue; refresh it when they come back.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) reports.retry();
    shown.current = true;
  });

  if (gate.kind !== 'allowed') {
    return (
      <GateFallback
        gate={gate}
        signedIn={account.signedIn}
        audience="工会干部和管理员"
        className="staff-page"
      />
    );
  }
  const items: LinkItem[] = [
    {
      key: 'stations',
      title: '我的驿站',
      description: '查看、编辑、核实和暂停开放',
      onClick: () => void openPage(staffRoutes.stations),
    },
    {
      key: 'reports',
      title: '问题处理',
      description: reportsDescription(reports.data),
      onClick: () => void openPage(staffRoutes.reports),
    },
    {
      key: 'import',
      title: '批量导入',
      description: '从 CSV 或 Excel 文件导入、更新驿站',
      onClick: () => void openPage(staffRoutes.import),
    },
    {
      key: 'create',
      title: '新建驿站',
      description: '逐项填写一个新驿站',
      onClick: () => void openPage(editStationUrl()),
    },
  ];
  return (
    <View className="page page--form staff-page">
      {gate.me.org ? <OrgCard org={gate.me.org} title="管理范围" /> : null}
      <LinkList title="驿站管理" items={items} />
      <LinkList
        title="夏季三送"
        items={[
          {
            key: 'campaigns',
            title: '三送活动管理',
            description: '活动与物资目录、报名审核、任务分配',
            onClick: () => void openPage(staffRoutes.campaigns),
          },
        ]}
      />
      <LinkList
        title="防止返困监测"
        items={[
          {
            key: 'households',
            title: '困难职工档案',
            description: '一户一档、入户走访、走访逾期提醒',
            onClick: () => void openPage(hardshipRoutes.list),
          },
        ]}
      />
    </View>
  );
}
