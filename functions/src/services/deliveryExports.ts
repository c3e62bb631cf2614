import { createHash } from 'node:crypto';
import { type DeliveryExport, type ExportFormat, shanghaiDate } from '@ankang/shared';
import { getCampaignById } from '../db/campaigns';
import { type ExportRecord, getExportById, insertExport, updateRunningExport } from '../db/exports';
import { presignGet } from '../db/objectStore';
import { now } from '../lib/clock';
import { env } from '../lib/env';
import { AppError } from '../lib/errors';
import { queueJob } from '../lib/jobs';
import { logger } from '../lib/logger';
import type { Caller } from './caller';
import { writeExportFile } from './deliveryExportJob';
import { exportTotal, loadDashboard, reportScope } from './exportSources';
import { isInScope } from './scope';

/** Files and records are kept 7 days (the bucket's lifecycle rule on `exports/` matches). */
const KEPT_S = 7 * 24 * 3600;
/** How long a download link works; polling again gives a fresh one. */
const LINK_S = 3600;
/**
 * A running export not moved on for this long has died (a crashed job, a request that timed out
 * mid-write): a live job writes its progress every page, each well under a minute.
 */
const STALE_MS = 16 * 60 * 1000;

const failures = {
  start: '无法启动导出任务，请稍后重新导出',
  stale: '导出已中断，请重新导出',
};

/** An export's id comes from who asked and the client's request id: a retry maps to the same one. */
export function exportIdFor(userId: string, requestId: string): string {
  return `ex_${createHash('sha256').update(`export:${userId}:${requestId}`).digest('hex').slice(0, 24)}`;
}

/** `2026夏季送清凉-配送报表-20260726.xlsx`: a name staff recognise in their downloads folder. */
function fileNameFor(title: string, format: ExportFormat, at: Date): string {
  const day = shanghaiDate(at).replaceAll('-', '');
  const safeTitle = title.replace(/[\\/:*?"<>|\s]+/g, '');
  return `${safeTitle}-配送报表-${day}.${format}`;
}

/** The export as its requester sees it: a fresh link when ready, a dead job shown as failed. */
async function exportView(record: ExportRecord): Promise<DeliveryExport> {
  const progress = { rows: record.rows, total: Math.max(record.total, record.rows) };
  const base = { id: record.id, format: record.format, progress };
  if (record.status === 'ready') {
    const url = await presignGet(record.objectKey, { expiresIn: LINK_S, downloadName: record.fileName });
    const expiresAt = new Date(now().getTime() + LINK_S * 1000).toISOString();
    return { ...base, status: 'ready', url, fileName: record.fileName, expiresAt };
  }
  if (record.status === 'failed') return { ...base, status: 'failed', reason: record.reason };
  if (now().getTime() - Date.parse(record.updatedAt) > STALE_MS) {
    return { ...base, status: 'failed', reason: failures.stale };
  }
  return { ...base, status: 'running' };
}

/** A retry must ask for the same report; the same request id for another one is refused. */
function assertSameRequest(record: ExportRecord, campaignId: string, orgPath: string, format: ExportFormat) {
  if (record.campaignId !== campaignId || record.orgPath !== orgPath || record.format !== format) {
    throw new AppError('REQUEST_ID_REUSED');
  }
}

/**
 * Starts a delivery report export of a campaign for one org subtree (scope as the dashboard's).
 * Small ones (by the dashboard's counters) are written here and answered ready; larger ones are
 * handed to the export job and answered running. Idempotent by request id.
 */
export async function createDeliveryExport(
  caller: Caller,
  campaignId: string,
  body: { requestId: string; format: ExportFormat; orgPath?: string },
): Promise<DeliveryExport> {
  const campaign = await getCampaignById(campaignId);
  if (!campaign) throw new AppError('CAMPAIGN_NOT_FOUND');
  const orgPath = reportScope(caller, campaign, body.orgPath);
  const id = exportIdFor(caller.userId, body.requestId);
  const existing = await getExportById(id);
  if (existing) {
    assertSameRequest(existing, campaignId, orgPath, body.format);
    return exportView(existing);
  }

  const dashboard = await loadDashboard(caller, campaign, orgPath);
  const at = now();
  const record: ExportRecord = {
    id,
    campaignId,
    orgPath,
    format: body.format,
    requesterId: caller.userId,
    status: 'running',
    rows: 0,
    total: exportTotal(dashboard),
    objectKey: `exports/${campaignId}/${id}.${body.format}`,
    fileName: fileNameFor(campaign.title, body.format, at),
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    version: 1,
    expiresAt: Math.floor(at.getTime() / 1000) + KEPT_S,
  };
  if (!(await insertExport(record))) {
    // A racing copy of this request stored it first: answer what it made.
    const first = await getExportById(id);
    if (!first) throw new Error(`export ${id} neither inserted nor found`);
    assertSameRequest(first, campaignId, orgPath, body.format);
    return exportView(first);
  }

  // Written here when small; past twice the limit (the counters fell short) the job takes over.
  const inline =
    record.total <= env.EXPORT_INLINE_MAX_ROWS &&
    (await writeExportFile(record, campaign, { dashboard, maxRows: 2 * env.EXPORT_INLINE_MAX_ROWS })) ===
      'done';
  if (!inline) {
    try {
      await queueJob(env.EXPORT_QUEUE_URL, { job: 'export', exportId: id });
    } catch (error) {
      logger.error('export job not started', { error, exportId: id });
      await updateRunningExport(id, {
        rows: 0,
        at: now().toISOString(),
        status: 'failed',
        reason: failures.start,
      });
    }
  }
  const latest = await getExportById(id);
  if (!latest) throw new Error(`export ${id} vanished`);
  return exportView(latest);
}

/**
 * An export's progress and link, for the staff member who asked for it while it is in their scope;
 * anyone else's is as absent as a missing one.
 */
export async function getDeliveryExport(caller: Caller, id: string): Promise<DeliveryExport> {
  const record = await getExportById(id);
  if (!record || record.requesterId !== caller.userId || !isInScope(caller, record.orgPath)) {
    throw new AppError('EXPORT_NOT_FOUND');
  }
  return exportView(record);
}
