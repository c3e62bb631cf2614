import Taro from '@tarojs/taro';
import { toQueryString } from './http';

/** The hardship-monitoring pages of the staff subpackage (困难职工档案). */
export const hardshipRoutes = {
  list: '/staff/pages/households/index',
  /** `?id=<hf_…>`: one file, its visits and (for supervisors) its access record. */
  file: '/staff/pages/household/index',
  /** `?id=<hf_…>` edits a file; without it, a new one. */
  edit: '/staff/pages/householdEdit/index',
  /** `?fileId=<hf_…>`, plus `&corrects=<hv_…>` for a correction of that visit. */
  visit: '/staff/pages/visit/index',
  /** H4's import page in its household mode. */
  import: '/staff/pages/import/index?kind=households',
} as const;

export function householdUrl(id: string): string {
  return `${hardshipRoutes.file}${toQueryString({ id })}`;
}

export function householdEditUrl(id?: string): string {
  return `${hardshipRoutes.edit}${toQueryString({ id })}`;
}

export function visitFormUrl(fileId: string, corrects?: string): string {
  return `${hardshipRoutes.visit}${toQueryString({ fileId, corrects })}`;
}

/**
 * After an edit or a visit: back to the file's page beneath (it reloads when shown), or the file
 * opened in place when this page was opened on its own (a shared link, a restored tab).
 */
export async function returnToFile(fileId: string): Promise<void> {
  if (Taro.getCurrentPages().length > 1) await Taro.navigateBack();
  else await Taro.redirectTo({ url: householdUrl(fileId) });
}
