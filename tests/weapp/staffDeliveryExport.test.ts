import { describe, expect, it, vi } from 'vitest';
import { chosenChip, findByText, routes, tap, waitFor, wx } from './simulate';
import { dashboard } from './staffDeliveriesFixtures';
import { openCampaign } from './staffOutreachFixtures';
import {
  button,
  ok,
  openAs,
  type Page,
  refusal,
  requests,
  resetPagesEachTest,
  text,
  toasts,
} from './staffOutreachPages';

// Opening a report: WeChat downloads it to a temporary file and shows it in its document viewer.
// Two wx APIs the shared stand-in does not have, added before the app boots (when Taro reads `wx`).
const fileWx = {
  downloadFile: vi.fn((options: { url: string; success?: (r: object) => void }) =>
    setTimeout(
      () =>
        options.success?.({
          statusCode: 200,
          tempFilePath: 'wxfile://tmp/report.xlsx',
          errMsg: 'downloadFile:ok',
        }),
      0,
    ),
  ),
  openDocument: vi.fn((options: { success?: (r: object) => void }) =>
    setTimeout(() => options.success?.({ errMsg: 'openDocument:ok' }), 0),
  ),
};
Object.assign(wx, fileWx);

resetPagesEachTest();

const campaignId = openCampaign().id;
const exportsPath = `/staff/campaigns/${campaignId}/exports`;
const exportId = `ex_${'a'.repeat(24)}`;
const readPath = `/staff/exports/${exportId}`;
const link = 'https://ankang-prod-photos.s3.cn-north-1.amazonaws.com.cn/exports/report?X-Amz-Signature=abc';

const running = (rows: number) => ({
  id: exportId,
  status: 'running',
  format: 'xlsx',
  progress: { rows, total: 7 },
});
const ready = (format: 'xlsx' | 'csv') => ({
  id: exportId,
  status: 'ready',
  format,
  progress: { rows: 7, total: 7 },
  url: link,
  fileName: `测试活动-配送报表-20260726.${format}`,
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
});

async function openDialog(): Promise<Page> {
  routes.set(`GET /campaigns/${campaignId}`, () => ok(openCampaign()));
  routes.set(`GET /staff/campaigns/${campaignId}/dashboard`, () => ok(dashboard()));
  const page = openAs('staff/pages/dashboard/index', { campaign: campaignId });
  await waitFor(() => findByText(page.dom, '导出报表', 'wx-button'));
  tap(button(page.dom, '导出报表'));
  await waitFor(() => text(page).includes('开始导出'));
  return page;
}

const body = () => page0(requests('POST', exportsPath)).data;
const page0 = <T>(list: T[]) =>
  list[0] as T & { data: { requestId: string; format: string; orgPath?: string } };

describe('Component: 导出报表 on the delivery dashboard', () => {
  it('starts an XLSX export of the shown org, follows the job’s progress, then opens the file in WeChat', async () => {
    // Arrange: the server hands the export to its job; polling sees it move, then end.
    routes.set(`POST ${exportsPath}`, () => ok(running(0), 201));
    const answers = [running(3), ready('xlsx')];
    routes.set(`GET ${readPath}`, () => ok(answers.length > 1 ? answers.shift() : answers[0]));
    const page = await openDialog();

    // Act
    tap(button(page.dom, '开始导出'));

    // Assert: the request names the dashboard's node; progress shows rows of the total, then the file.
    await waitFor(() => text(page).includes('已处理 0 / 7 条'));
    expect(body()).toStrictEqual({
      requestId: body().requestId,
      format: 'xlsx',
      orgPath: dashboard().orgPath,
    });
    expect(body().requestId).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => text(page).includes('已处理 3 / 7 条'), 5000);
    await waitFor(() => text(page).includes('报表已生成'), 8000);
    expect(text(page)).toContain('测试活动-配送报表-20260726.xlsx');
    expect(requests('POST', exportsPath).length).toBe(1);

    tap(button(page.dom, '打开报表'));
    await waitFor(() => fileWx.openDocument.mock.calls.length === 1);
    expect(fileWx.downloadFile.mock.calls[0]![0]).toMatchObject({ url: link });
    expect(fileWx.openDocument.mock.calls[0]![0]).toMatchObject({
      filePath: 'wxfile://tmp/report.xlsx',
      fileType: 'xlsx',
      showMenu: true,
    });
  });

  it('retries a failed start with the same request id, and copies a CSV’s link (WeChat opens no CSV)', async () => {
    // Arrange: the first start fails on the server's side, the retry is answered ready.
    const starts = [refusal(500, 'INTERNAL', '服务器开小差了，请稍后再试'), ok(ready('csv'), 201)];
    routes.set(`POST ${exportsPath}`, () => starts.shift()!);
    const page = await openDialog();

    // Act
    tap(findByText(page.dom, 'CSV', '.main--choice-chips__chip')!);
    await waitFor(() => chosenChip(page.dom, 'CSV'));
    tap(button(page.dom, '开始导出'));
    await waitFor(() => text(page).includes('服务器开小差了'));
    tap(button(page.dom, '重试'));
    await waitFor(() => text(page).includes('报表已生成'));

    // Assert: one export asked twice under one request id; its link copied, with a hint where to open it.
    const sent = requests('POST', exportsPath).map(
      (options) => (options as { data: { requestId: string } }).data,
    );
    expect(sent.length).toBe(2);
    expect(sent[1]).toStrictEqual(sent[0]);
    expect(sent[0]).toMatchObject({ format: 'csv' });
    tap(button(page.dom, '复制下载链接'));
    await waitFor(() => wx.setClipboardData.mock.calls.length === 1);
    expect(wx.setClipboardData.mock.calls[0]![0]).toMatchObject({ data: link });
    await waitFor(() => toasts().includes('链接已复制，请在电脑浏览器中打开下载'));
    expect(fileWx.downloadFile).not.toHaveBeenCalled();
  });
});
