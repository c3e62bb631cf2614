import { householdImportColumns, type ImportColumn, type ImportResult, importColumns } from '@ankang/shared';
import { runHardshipImport } from './hardshipImport';
import { hardshipRoutes } from './hardshipRoutes';
import { staffRoutes } from './staffRoutes';
import { type ImportRequest, runStationImport } from './staffStations';

/** What the staff import page imports: stations (the default) or households (`?kind=households`). */
export interface ImportMode {
  /** Null keeps the page's own title. */
  title: string | null;
  run: (request: ImportRequest) => Promise<ImportResult>;
  columns: readonly ImportColumn[];
  intro: string | undefined;
  done: { label: string; url: string };
  /** A template file can be downloaded (stations). */
  template: boolean;
}

const stations: ImportMode = {
  title: null,
  run: runStationImport,
  columns: importColumns,
  intro: undefined,
  done: { label: '查看我的驿站', url: staffRoutes.stations },
  template: true,
};

const households: ImportMode = {
  title: '导入困难职工档案',
  run: runHardshipImport,
  columns: householdImportColumns,
  intro:
    '文件第一行为列名，之后每行一户。带 * 的列必填；身份证号已建档的家庭会按它更新，不会重复建档。' +
    '每户须已取得户主（或监护人）同意，并填写同意人和同意日期。身份证号码和电话加密保存。',
  done: { label: '查看困难职工档案', url: hardshipRoutes.list },
  template: false,
};

export function importModeOf(kind: string | undefined): ImportMode {
  return kind === 'households' ? households : stations;
}
