import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import { type LinkItem, LinkList } from '../../../components/LinkList';
import { OrgCard } from '../../../components/OrgCard';
import { useOpenAlertCount } from '../../../hooks/useAlerts';
import { useNewReportCount } from '../../../hooks/useNewReportCount';
import { useRoleGate } from '../../../hooks/useRoleGate';
import { alertRoutes } from '../../../services/alertRoutes';
import { rulesRoute } from '../../../services/hardshipPolicy';
import { hardshipRoutes } from '../../../services/hardshipRoutes';
import { openPage } from '../../../services/navigation';
import { roleRoutes } from '../../../services/roles';
import { editStationUrl, staffRoutes } from '../../../services/staffRoutes';
import { suggestRoutes } from '../../../services/suggestions';
import './index.scss';
import { GateFallback } from '../../../components/GateFallback';

function reportsDescription(count: { count: number; more: boolean } | undefined): string {
  if (!count) return '职工反映的驿站问题';
  if (count.count === 0) return '暂无待处理问题';
  return `${count.count}${count.more ? '+' : ''} 个问题待处理`;
}

function alertsDescription(open: { count: number; capped: boolean } | undefined): string {
  if (!open) return '返困风险预警：确认、处理、办结';
  if (open.count === 0) return '暂无待确认的预警';
  return `${open.capped && open.count >= 999 ? '999+' : open.count} 条预警待确认`;
}

/** Union staff's landing page (subpackage): station upkeep, the 三送 campaigns and hardship monitoring. */
export default function StaffHomePage() {
  const { gate, account } = useRoleGate(['staff', 'admin']);
  const reports = useNewReportCount(gate.kind === 'allowed');
  const openAlerts = useOpenAlertCount(gate.kind === 'allowed');
  // The count changes while staff work on the queue; refresh it when they come back.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) {
      reports.retry();
      openAlerts.retry();
    }
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
      key: 'comments',
      title: '评论审核',
      description: '未能通过微信内容安全检查的职工评论：公开或隐藏',
      onClick: () => void openPage(staffRoutes.comments),
    },
    {
      key: 'suggestions',
      title: '驿站建议审核',
      description: '职工建议新增的驿站：采纳后完善资料再开放',
      onClick: () => void openPage(suggestRoutes.queue),
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
        title="人员管理"
        items={[
          {
            key: 'roles',
            title: '人员与权限',
            description: '各级工会干部、邀请与撤销',
            onClick: () => void openPage(roleRoutes.manage),
          },
        ]}
      />
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
          {
            key: 'alerts',
            title: '预警处理',
            description: alertsDescription(openAlerts.data),
            onClick: () => void openPage(alertRoutes.queue),
          },
          {
            key: 'myAlerts',
            title: '我的预警',
            description: '分派给我、尚未办结的预警',
            onClick: () => void openPage(alertRoutes.mine),
          },
          {
            key: 'escalated',
            title: '上级督办',
            description: '下级逾期未处理、上报到本级的预警',
            onClick: () => void openPage(alertRoutes.escalated),
          },
          {
            key: 'rules',
            title: '规则设置',
            description: '预警规则（各级继承、可单独设置）与低保标准',
            onClick: () => void openPage(rulesRoute),
          },
        ]}
      />
    </View>
  );
}
