// Taro resolves `./reportDownload` to `reportDownload.h5.ts` in the H5 build and to this file in the
// weapp build (as with current.ts): a browser downloads the file, a mini-program opens it.
import type { ExportFormat } from '@ankang/shared';
import Taro from '@tarojs/taro';
import { platform } from './current';
import { ReportDownloadError, type ReportDownloadOutcome, type ReportFile } from './reportDownloadTypes';

export { ReportDownloadError, type ReportDownloadOutcome, type ReportFile } from './reportDownloadTypes';

/**
 * The download button's text. WeChat opens an XLSX in its document viewer (from where it can be
 * forwarded or saved); it opens no CSV, so a CSV's link is copied for a computer's browser.
 */
export function reportDownloadLabel(format: ExportFormat): string {
  return format === 'xlsx' ? '打开报表' : '复制下载链接';
}

/**
 * Downloads the file to a temporary path and opens it with WeChat's viewer (the ⋯ menu there
 * forwards or saves it). The link's host must be a 下载合法域名 in the mini-program console.
 */
export async function downloadReport(file: ReportFile): Promise<ReportDownloadOutcome> {
  if (file.format === 'csv') {
    await platform.copyText(file.url);
    return 'copied';
  }
  try {
    const { statusCode, tempFilePath } = await Taro.downloadFile({ url: file.url });
    if (statusCode !== 200) throw new Error(`download answered ${statusCode}`);
    await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
    return 'opened';
  } catch (error) {
    throw new ReportDownloadError({ cause: error });
  }
}
