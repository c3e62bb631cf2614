import { z } from 'zod';
import { exportFormatSchema } from '../schemas/deliveryExport';
import { staffOnly } from './access';
import { anyStaff } from './authz';
import { defineContract } from './define';

export const getStationImportTemplate = defineContract({
  name: 'getStationImportTemplate',
  summary: '下载驿站导入模板（所有列名和一行示例）',
  method: 'GET',
  path: '/staff/stations/import-template',
  access: staffOnly,
  // The blank template names no org's records: any staff member may download it.
  authz: anyStaff,
  query: z.object({ format: exportFormatSchema.default('xlsx') }),
  output: z.object({
    fileName: z.string(),
    format: exportFormatSchema,
    /** The file, base64-encoded (a few KB). */
    content: z.string(),
  }),
  errors: [],
});
