import { AlertListPage } from '../../../components/AlertListPage';
import './index.scss';

/** 我的预警: the unresolved alerts assigned to me, due soonest first. */
export default function MyAlertsPage() {
  return (
    <AlertListPage
      kind="mine"
      className="my-alerts"
      emptyDescription="分派给您、尚未办结的预警会出现在这里。"
    />
  );
}
