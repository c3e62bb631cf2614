import { type ContractCallInput, type ImportResult, importHardshipFiles } from '@ankang/shared';
import { call } from './api';

export type HardshipImportRequest = ContractCallInput<typeof importHardshipFiles>['body'];

/** 导入困难职工档案: the same body and answer as the station import. */
export function runHardshipImport(request: HardshipImportRequest): Promise<ImportResult> {
  return call(importHardshipFiles, { body: request });
}
