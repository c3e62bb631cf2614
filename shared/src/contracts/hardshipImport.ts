import { importResultSchema } from '../schemas/stationViews';
import { staffOnly } from './access';
import { staffOverRecord } from './authz';
import { defineContract } from './define';
import { importStations } from './stationAdmin';

/**
 * 导入困难职工档案: the households of a union's existing 一户一档 ledger, from CSV or XLSX, with the
 * station import's body and answer (a dry run first; every bad cell as row, column and Chinese
 * reason). Columns: `householdImportColumns`. A row whose ID number is already filed in the
 * import org's province tree updates that file when it is in the caller's scope.
 */
export const importHardshipFiles = defineContract({
  name: 'importHardshipFiles',
  summary: '从 CSV 或 XLSX 批量导入困难职工档案（可先试运行）',
  method: 'POST',
  path: '/staff/hardship/imports',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'body', field: 'orgPath' },
  /** orgPath (every row's household lies in its subtree), format, fileName, content (base64), dryRun. */
  body: importStations.body,
  maxBodyBytes: importStations.maxBodyBytes,
  output: importResultSchema,
  errors: ['OUT_OF_SCOPE', 'IMPORT_FILE_INVALID'],
});
