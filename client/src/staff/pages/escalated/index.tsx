import { AlertListPage } from '../../../components/AlertListPage';
import './index.scss';

/**
 * 上级督办: alerts a union below did not handle by their due date, escalated to mine (newest
 * escalation first); each detail says who did not act.
 */
export default function EscalatedAlertsPage() {
  return (
    <AlertListPage
      kind="escalated"
      className="escalated-alerts"
      intro="下级工会逾期未处理的预警，已上报至本级督办。"
      emptyDescription="下级逾期未处理的预警会上报到这里。"
    />
  );
}
