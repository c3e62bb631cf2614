import { coolingCodeReasonLabels } from '@ankang/shared';
import { useCallback, useState } from 'react';
import { isOnline, scanCode } from '../platform/codeScanner';
import { countLocally, localCountToday, verifyScanned } from '../services/coolingCodes';
import { newHandoutId, queueHandout } from '../services/handoutOutbox';
import { OutboxStorageError } from '../services/outbox';
import type { HandoutChoice } from './useHandoutContext';

/** What the page shows after a scan. */
export type ScanResult =
  | { kind: 'valid'; code: string; pseudonym: string; countToday: number; atLimit: boolean }
  | { kind: 'expired'; message: string }
  | { kind: 'invalid'; message: string }
  /** Recorded on the phone (and sent, or waiting for signal): `entryId` follows its upload. */
  | { kind: 'recorded'; entryId: string; mode: 'live' | 'queued' };

export interface HandoutScan {
  result: ScanResult | null;
  scanning: boolean;
  error: string | null;
  scan: () => Promise<void>;
  /** Checks a typed or pasted code (where the platform cannot scan with the camera). */
  enter: (text: string) => void;
  /** Records the scanned hand-out through the outbox (live online, queued offline). */
  record: () => Promise<void>;
  clear: () => void;
}

/**
 * One scan at a time: the code is checked on the phone (signature with the kept keys, expiry), the
 * phone's own count for that worker today is shown against the allowance, and the hand-out goes
 * into the outbox — saved first, sent at once when online (the server then refuses one beyond the
 * allowance, ALLOWANCE_EXCEEDED), or later when offline (kept and flagged by the server if over).
 */
export function useHandoutScan(choice: HandoutChoice | null): HandoutScan {
  const [result, setResult] = useState<ScanResult | null>(null);
  const [scanning, setScanning] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** Checks a code's text on the phone and shows the verdict (the same for a scan and a typed code). */
  const check = useCallback(
    (text: string) => {
      if (!choice) return;
      const verdict = verifyScanned(text, Date.now());
      if (verdict.valid) {
        const countToday = localCountToday(choice.campaign.id, verdict.claims.pseudonym);
        const limit = choice.campaign.coolingAllowance?.perWorkerPerDay ?? 0;
        setResult({
          kind: 'valid',
          code: text.trim(),
          pseudonym: verdict.claims.pseudonym,
          countToday,
          atLimit: countToday >= limit,
        });
      } else {
        const message = coolingCodeReasonLabels[verdict.reason];
        setResult(verdict.reason === 'expired' ? { kind: 'expired', message } : { kind: 'invalid', message });
      }
    },
    [choice],
  );

  const scan = useCallback(async () => {
    if (!choice) return;
    setError(null);
    setScanning(true);
    try {
      const text = await scanCode();
      if (text !== null) check(text);
    } catch {
      setError('无法打开扫码，请重试');
    } finally {
      setScanning(false);
    }
  }, [choice, check]);

  const enter = useCallback(
    (text: string) => {
      setError(null);
      if (text.trim()) check(text.trim());
    },
    [check],
  );

  const record = useCallback(async () => {
    if (!choice || result?.kind !== 'valid') return;
    const mode = (await isOnline()) ? 'live' : 'queued';
    const id = newHandoutId();
    try {
      await queueHandout(
        {
          id,
          campaignId: choice.campaign.id,
          code: result.code,
          handedAt: new Date().toISOString(),
          place: choice.place,
          mode,
        },
        `清凉码发放 · 职工 ${result.pseudonym.slice(0, 6)}`,
      );
    } catch (failure) {
      setError(
        failure instanceof OutboxStorageError
          ? '手机存储空间不足，未能保存，请清理后重试'
          : '保存失败，请重试',
      );
      return;
    }
    countLocally(choice.campaign.id, result.pseudonym);
    setResult({ kind: 'recorded', entryId: id, mode });
  }, [choice, result]);

  return { result, scanning, error, scan, enter, record, clear: () => setResult(null) };
}
