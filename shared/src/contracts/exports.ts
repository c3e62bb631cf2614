import { z } from 'zod';
import { campaignIdSchema } from '../schemas/campaign';
import { deliveryExportSchema, exportFormatSchema, exportIdSchema } from '../schemas/deliveryExport';
import { orgPathSchema } from '../schemas/org';
import { requestIdSchema } from '../schemas/writes';
import { staffOnly } from './access';
import { staffOverRecord } from './authz';
import { defineContract } from './define';

export const createDeliveryExport = defineContract({
  name: 'createDeliveryExport',
  summary:
    '导出活动的配送报表（汇总表 + 明细表，XLSX 或 CSV）；数据少时当场生成，数据多时在后台生成，轮询进度后下载',
  method: 'POST',
  path: '/staff/campaigns/{id}/exports',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'body', field: 'orgPath' },
  params: z.object({ id: campaignIdSchema }),
  /**
   * `requestId` is made once per export the user starts: a retry returns the same export. `orgPath`
   * narrows the report to a node under the campaign's union (default: as the dashboard).
   */
  body: z.object({
    requestId: requestIdSchema,
    format: exportFormatSchema,
    orgPath: orgPathSchema.optional(),
  }),
  output: deliveryExportSchema,
  successStatus: 201,
  errors: ['CAMPAIGN_NOT_FOUND', 'OUT_OF_SCOPE', 'REQUEST_ID_REUSED'],
});

export const getDeliveryExport = defineContract({
  name: 'getDeliveryExport',
  summary: '导出任务的进度与下载链接（仅发起人可见）',
  method: 'GET',
  path: '/staff/exports/{id}',
  access: staffOnly,
  // Asked for 张家港 staff's export: only its requester follows it (others, admins and staff above
  // included, start their own); to them it is as absent as a missing one, not a refusal that
  // confirms it exists.
  authz: {
    ...staffOverRecord,
    staffAbove: 'EXPORT_NOT_FOUND',
    staffBelow: 'EXPORT_NOT_FOUND',
    staffBeside: 'EXPORT_NOT_FOUND',
    admin: 'EXPORT_NOT_FOUND',
  },
  params: z.object({ id: exportIdSchema }),
  output: deliveryExportSchema,
  errors: ['EXPORT_NOT_FOUND'],
});
