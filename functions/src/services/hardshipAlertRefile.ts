import {
  type AlertOutcome,
  alertOutcomeKindLabels,
  hardshipCategoryLabels,
  helpMeasureLabels,
} from '@ankang/shared';
import type { AlertRecord } from '../db/hardshipAlertItems';
import { monitorCheckTodayPut } from '../db/hardshipAlerts';
import { fileRefileUpdate, type RefileWrite } from '../db/hardshipAlertTransitions';
import { getHardshipFileRecord } from '../db/hardshipFiles';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { fileAudit } from './hardshipFiles';
import { assertInScope } from './scope';

/** ¥1,030.00 from whole fen. */
function yuan(fen: number): string {
  const [whole, cents] = (fen / 100).toFixed(2).split('.');
  return `¥${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** An outcome in words, as the alert's history shows it (e.g. 已帮扶：送温暖、医疗互助，¥500.00). */
export function outcomeText(outcome: AlertOutcome): string {
  const label = alertOutcomeKindLabels[outcome.kind];
  const note = outcome.note ? `；${outcome.note}` : '';
  switch (outcome.kind) {
    case 'noHelp':
      return `${label}：${outcome.note}`;
    case 'helped': {
      const measures = outcome.measures.map((measure) => helpMeasureLabels[measure]).join('、');
      const amount = outcome.amountFen !== undefined ? `，${yuan(outcome.amountFen)}` : '';
      return `${label}：${measures}${amount}${note}`;
    }
    case 'refiled':
      return `${label}：${hardshipCategoryLabels[outcome.category]}${note}`;
    case 'referred':
      return `${label}：${outcome.referredTo}${note}`;
  }
}

/**
 * The file's side of resolving with 重新建档, built over the file as read now: its new category
 * (active again), its monitor set to "check today" (the household is reviewed under its new
 * standing by the sweep should the review after the commit not run) and its `refileHousehold` event.
 * The caller must be in scope of the file itself too (it may have moved since the alert was raised).
 */
export async function refileWrite(
  caller: Caller,
  alert: AlertRecord,
  outcome: Extract<AlertOutcome, { kind: 'refiled' }>,
  at: string,
): Promise<RefileWrite> {
  const file = await getHardshipFileRecord(alert.fileId);
  if (!file) throw new AppError('HARDSHIP_FILE_NOT_FOUND');
  assertInScope(caller, file.orgPath);
  const reason = `预警办结（${alertOutcomeKindLabels.refiled}）：${hardshipCategoryLabels[file.category]} → ${hardshipCategoryLabels[outcome.category]}`;
  return {
    fileUpdate: fileRefileUpdate(file, outcome.category, at),
    extra: [
      monitorCheckTodayPut(file.id, file.orgPath, at),
      fileAudit(caller, file, 'refileHousehold', at, reason),
    ],
  };
}
