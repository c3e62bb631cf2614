import type { ImportResult } from '@ankang/shared';
import { describe, expect, it, vi } from 'vitest';
import {
  chosenChip,
  findByText,
  type HeldRequest,
  holdAnswers,
  media,
  routes,
  settled,
  tap,
  waitFor,
  wx,
} from './simulate';
import { zjg } from './staffOutreachFixtures';
import { ok, openAs, resetPagesEachTest, text, toasts, wire } from './staffOutreachPages';

// A mini-program picks an import file from a WeChat chat: an API the shared stand-in lacks, added
// before the app boots (Taro reads `wx` once).
const filePath = 'http://tmp/stations.csv';
const chatWx = {
  chooseMessageFile: vi.fn((options: { success?: (r: object) => void }) =>
    setTimeout(
      () =>
        options.success?.({
          tempFiles: [{ name: '驿站.csv', size: 64, path: filePath, type: 'file', time: 0 }],
          errMsg: 'chooseMessageFile:ok',
        }),
      0,
    ),
  ),
};
Object.assign(wx, chatWx);

resetPagesEachTest();

const daxin = `${zjg}/daxin`;
const dryRun = (valid: number): ImportResult => ({
  dryRun: true,
  rows: valid,
  valid,
  created: valid,
  updated: 0,
  unchanged: 0,
  issues: [],
});

/** Import requests wait here, unanswered, until the test lets each one answer. */
const holdImports = () => holdAnswers('POST', '/staff/stations/import');
const bodyOf = (request: HeldRequest) => wire(request.options.data) as { orgPath: string; dryRun: boolean };

describe('Page: 批量导入 (weapp)', () => {
  it('drops a dry run for the union picked before when it lands after another union was picked, and keeps the union while the import runs', async () => {
    media.files.set(filePath, new TextEncoder().encode('名称,地址\n').buffer);
    const imports = holdImports();
    try {
      const page = openAs('staff/pages/import/index');
      await waitFor(() => findByText(page.dom, '大新镇总工会', '.main--choice-chips__chip'));
      await settled(page);
      expect(chosenChip(page.dom, '张家港市总工会')).not.toBeNull();

      // The file goes as a dry run for the caller's own union, and the answer is slow.
      tap(findByText(page.dom, '选择文件', 'wx-button')!);
      await waitFor(() => imports.held.length === 1);
      expect(bodyOf(imports.held[0]!)).toMatchObject({ orgPath: zjg, dryRun: true });

      // Act: another union is picked, then the old answer lands.
      tap(findByText(page.dom, '大新镇总工会', '.main--choice-chips__chip')!);
      await waitFor(() => chosenChip(page.dom, '大新镇总工会'));
      routes.set('POST /staff/stations/import', () => ok(dryRun(3)));
      imports.held[0]!.release();
      await waitFor(() => imports.answered() === 1);
      await settled(page);

      // Assert: nothing of the old union's answer shows, and the file can be chosen again.
      expect(text(page)).not.toContain('校验结果');
      expect(findByText(page.dom, '确认导入', 'wx-button')).toBeNull();
      expect(chosenChip(page.dom, '大新镇总工会')).not.toBeNull();

      // The same file for 大新镇 is checked for 大新镇, and its answer shows.
      tap(findByText(page.dom, '选择文件', 'wx-button')!);
      await waitFor(() => imports.held.length === 2);
      expect(bodyOf(imports.held[1]!)).toMatchObject({ orgPath: daxin, dryRun: true });
      routes.set('POST /staff/stations/import', () => ok(dryRun(2)));
      imports.held[1]!.release();
      await waitFor(() => findByText(page.dom, '确认导入 2 行', 'wx-button'));
      expect(text(page)).toContain('校验结果（尚未保存）');

      // While the real import is on its way, the union stays: its outcome shows under it.
      await settled(page);
      tap(findByText(page.dom, '确认导入 2 行', 'wx-button')!);
      await waitFor(() => imports.held.length === 3);
      expect(bodyOf(imports.held[2]!)).toMatchObject({ orgPath: daxin, dryRun: false });
      tap(findByText(page.dom, '杨舍镇总工会', '.main--choice-chips__chip')!);
      await waitFor(() => toasts().includes('正在导入，完成后再切换工会'));
      expect(chosenChip(page.dom, '大新镇总工会')).not.toBeNull();
      routes.set('POST /staff/stations/import', () => ok({ ...dryRun(2), dryRun: false }));
      imports.held[2]!.release();
      await waitFor(() => text(page).includes('导入完成'));
      expect(chosenChip(page.dom, '大新镇总工会')).not.toBeNull();
    } finally {
      imports.restore();
    }
  });
});
