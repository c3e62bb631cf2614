import { IMPORT_MAX_BYTES, type ImportResult } from '@ankang/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ChosenFile, chooseImportFile, FileChoiceError } from '../platform/fileChooser';
import { type ApiError, toApiError } from '../services/errors';
import { type ImportRequest, runStationImport } from '../services/staffStations';

/** 0 nothing yet · 1 读取文件 · 2 上传 · 3 校验 (dry run answered) · 4 导入 (done). */
export type ImportStep = 0 | 1 | 2 | 3 | 4;

export interface StationImportState {
  step: ImportStep;
  busy: boolean;
  fileName: string | null;
  /** The dry run's answer; replaced by the real run's after 确认导入. */
  result: ImportResult | null;
  /** A problem before the server could check the file (too big, wrong type, unreadable). */
  problem: string | null;
  error: ApiError | null;
  choose: () => void;
  confirm: () => void;
  reset: () => void;
}

/** The picked file, read and ready to send (again, on 确认导入). */
type Loaded = Pick<ImportRequest, 'format' | 'content'> & { name: string };

function formatOf(name: string): ImportRequest['format'] | null {
  const extension = name.toLowerCase().split('.').pop();
  return extension === 'csv' || extension === 'xlsx' ? extension : null;
}

/**
 * 批量导入: pick a file, read it, send it as a dry run (nothing saved; counts and per-row issues
 * back), then on 确认导入 send the same content for real. `run` sends it: stations unless told
 * (households send the same body to their own route).
 *
 * Another union (or 重新选择) starts over: a dry run still on its way for the union before is
 * dropped when it lands, so its counts never show (or get confirmed) under the new union.
 */
export function useStationImport(
  orgPath: string | undefined,
  run: (request: ImportRequest) => Promise<ImportResult> = runStationImport,
): StationImportState {
  const [step, setStep] = useState<ImportStep>(0);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<Loaded | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // Bumped by every start-over: work begun under an older number no longer touches the page.
  const generation = useRef(0);

  const send = useCallback(
    async (loaded: Loaded, dryRun: boolean, started: number) => {
      if (!orgPath) return;
      setStep(dryRun ? 2 : 4);
      try {
        const answer = await run({
          orgPath,
          format: loaded.format,
          fileName: loaded.name.slice(0, 120),
          content: loaded.content,
          dryRun,
        });
        if (started !== generation.current) return;
        setResult(answer);
        setStep(dryRun ? 3 : 4);
      } catch (failure) {
        if (started !== generation.current) return;
        setError(toApiError(failure));
        setStep(dryRun ? 1 : 3);
      }
    },
    [orgPath, run],
  );

  const choose = useCallback(() => {
    if (busy) return;
    const started = generation.current;
    const live = () => started === generation.current;
    setBusy(true);
    setProblem(null);
    setError(null);
    void (async () => {
      let chosen: ChosenFile;
      try {
        chosen = await chooseImportFile();
      } catch (failure) {
        if (!live()) return;
        if (!(failure instanceof FileChoiceError && failure.reason === 'cancelled'))
          setProblem('无法打开文件选择，请稍后再试');
        setBusy(false);
        return;
      }
      if (!live()) return;
      setResult(null);
      setFile(null);
      setFileName(chosen.name);
      setStep(1);
      const format = formatOf(chosen.name);
      if (!format) {
        setProblem('只能导入 .csv 或 .xlsx 文件，请按模板整理后再选择');
      } else if (chosen.size > IMPORT_MAX_BYTES) {
        setProblem('文件超过 4 MB，请拆分成几个文件分批导入');
      } else {
        try {
          const loaded = { name: chosen.name, format, content: await chosen.readBase64() };
          if (!live()) return;
          setFile(loaded);
          await send(loaded, true, started);
        } catch {
          if (live()) setProblem('文件读取失败，请重新选择');
        }
      }
      if (live()) setBusy(false);
    })();
  }, [busy, send]);

  const confirm = useCallback(() => {
    if (!file || busy) return;
    const started = generation.current;
    setBusy(true);
    setError(null);
    void send(file, false, started).finally(() => {
      if (started === generation.current) setBusy(false);
    });
  }, [file, busy, send]);

  const reset = useCallback(() => {
    generation.current++;
    setBusy(false);
    setStep(0);
    setFile(null);
    setFileName(null);
    setResult(null);
    setProblem(null);
    setError(null);
  }, []);

  // Another union is another import, whoever changed it (a pick, or the list falling back): the
  // cleanup runs as `orgPath` leaves its value.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `orgPath` is the trigger.
  useEffect(() => reset, [orgPath, reset]);

  return { step, busy, fileName, result, problem, error, choose, confirm, reset };
}
