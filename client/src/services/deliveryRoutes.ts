import { toQueryString } from './http';

/** The volunteer's delivery pages (volunteer subpackage). */
export const deliveryRoutes = {
  /** 记录配送: `?campaign&task=<assignment id>`, `?campaign&adHoc=1` (临时站点) or `?campaign&edit=<id>`. */
  form: '/volunteer/pages/delivery/index',
  /** 我的配送记录: `?campaign=<id>` (else the volunteer's campaign). */
  list: '/volunteer/pages/deliveries/index',
} as const;

export type DeliveryFormTarget =
  | { campaignId: string; taskId: string }
  | { campaignId: string; adHoc: true }
  | { campaignId: string; editId: string };

export function deliveryFormUrl(target: DeliveryFormTarget): string {
  return `${deliveryRoutes.form}${toQueryString({
    campaign: target.campaignId,
    task: 'taskId' in target ? target.taskId : undefined,
    adHoc: 'adHoc' in target ? '1' : undefined,
    edit: 'editId' in target ? target.editId : undefined,
  })}`;
}

export function deliveryListUrl(campaignId?: string): string {
  return `${deliveryRoutes.list}${toQueryString({ campaign: campaignId })}`;
}
