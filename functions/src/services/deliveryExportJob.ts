import type { Campaign, DeliveryDashboard } from '@ankang/shared';
import { getCampaignById } from '../db/campaigns';
import { claimExportJob, type ExportRecord, getExportById, updateRunningExport } from '../db/exports';
import { putObject } from '../db/objectStore';
import { now } from '../lib/clock';
import { env } from '../lib/env';
import { logger } from '../lib/logger';
import { csvReport, type ReportCell, xlsxReport } from './exportDocument';
import { detailSheet, summarySheet } from './exportSheets';
import { detailPages, loadDashboard, requesterOf } from './exportSources';
import { isInScope } from './scope';

const contentTypes = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/**
 * Time kept back for writing the file after the last page: a job that reaches it stops and says
 * so, rather than being cut off by Lambda's timeout with the export left running.
 */
export const WRITE_RESERVE_MS = 60_000;

const failures = {
  timeout: '数据过多，未能在时限内导出，请按下级组织分别导出',
  write: '导出失败，请稍后重新导出',
  gone: '活动已不存在或您已无权查看该范围，导出已停止',
};

class OutOfTime extends Error {}
/** More rows than the request may write in place: the counters fell short of the records. */
class TooManyRows extends Error {}

function fail(exportId: string, reason: string, rows = 0): Promise<boolean> {
  return updateRunningExport(exportId, { rows, at: now().toISOString(), status: 'failed', reason });
}

/**
 * Reads every detail row page by page (writing the progress after each), then writes the file to
 * the bucket and marks the export ready. A failure marks the export failed with a reason staff can
 * act on. `remainingMs` is the time left to the caller (Lambda's clock). Past `maxRows` rows (a
 * request writing in place) it stops, leaves the export running and answers 'tooMany', for the job
 * to take over: the request's work stays bounded even when the counters undercount the records.
 */
export async function writeExportFile(
  record: ExportRecord,
  campaign: Campaign,
  options: { dashboard: DeliveryDashboard; remainingMs?: () => number; maxRows?: number },
): Promise<'done' | 'tooMany'> {
  const rows: ReportCell[][] = [];
  try {
    for await (const page of detailPages(campaign, record.orgPath, env.EXPORT_PAGE_SIZE)) {
      if (page.length > 0) {
        rows.push(...page);
        await updateRunningExport(record.id, { rows: rows.length, at: now().toISOString() });
      }
      if (options.maxRows !== undefined && rows.length > options.maxRows) throw new TooManyRows();
      if (options.remainingMs && options.remainingMs() < WRITE_RESERVE_MS) throw new OutOfTime();
    }
    const detail = detailSheet(rows);
    const file =
      record.format === 'xlsx'
        ? await xlsxReport([summarySheet(campaign, options.dashboard), detail])
        : csvReport(detail);
    await putObject(record.objectKey, file, contentTypes[record.format]);
    await updateRunningExport(record.id, { rows: rows.length, at: now().toISOString(), status: 'ready' });
  } catch (error) {
    if (error instanceof TooManyRows) return 'tooMany';
    logger.error('delivery export failed', { error, exportId: record.id, rows: rows.length });
    await fail(record.id, error instanceof OutOfTime ? failures.timeout : failures.write, rows.length);
  }
  return 'done';
}

/**
 * The export job: writes a running export's file, once (an export no longer running, or already
 * taken on by another delivery of the same event, is left alone). Never throws: a throw would only
 * make Lambda retry it.
 */
export async function runDeliveryExport(exportId: string, remainingMs: () => number): Promise<void> {
  try {
    const record = await getExportById(exportId);
    if (record?.status !== 'running' || !(await claimExportJob(exportId, now().toISOString()))) {
      logger.warn('export job found nothing to do', { exportId, status: record?.status });
      return;
    }
    const [campaign, requester] = await Promise.all([
      getCampaignById(record.campaignId),
      requesterOf(record.requesterId),
    ]);
    // The requester may have lost the role or moved since: the job reads only what they still may.
    const staff = requester?.roles.some((role) => role === 'staff' || role === 'admin');
    if (!campaign || !requester || !staff || !isInScope(requester, record.orgPath)) {
      await fail(exportId, failures.gone);
      return;
    }
    const dashboard = await loadDashboard(requester, campaign, record.orgPath);
    await writeExportFile(record, campaign, { dashboard, remainingMs });
  } catch (error) {
    logger.error('export job failed before writing', { error, exportId });
    await fail(exportId, failures.write).catch((cause) =>
      logger.error('export not marked failed', { error: cause, exportId }),
    );
  }
}
