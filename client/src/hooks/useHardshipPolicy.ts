import { type HardshipPolicyView, type PovertyLine, povertyLineDraftSchema } from '@ankang/shared';
import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../services/errors';
import {
  addPovertyLine,
  clearPolicy,
  fetchPolicy,
  fetchPovertyLines,
  savePolicy,
} from '../services/hardshipPolicy';
import { type PolicyFormValues, policyDraftOf, policyFormOf } from '../services/hardshipPolicyFormat';
import { fenOf } from '../services/staffCampaignForm';
import { useRequest } from './useRequest';

type FormErrors = Partial<Record<keyof PolicyFormValues, string>>;

/**
 * One org node's monitoring rules on the 规则设置 page: the view, the admin's edit form (filled from
 * what applies now), 保存 and 恢复继承. A write is sent with the version shown; a 409 is kept as
 * `conflict`, and `reload` drops the form and loads what the other person saved.
 */
export function useHardshipPolicy(orgPath: string | undefined, enabled: boolean) {
  const view = useRequest<HardshipPolicyView>(() => fetchPolicy(orgPath ?? ''), {
    enabled: enabled && Boolean(orgPath),
    key: orgPath,
  });
  const [form, setForm] = useState<PolicyFormValues | null>(null);
  const [formErrors, setFormErrors] = useState<FormErrors>({});
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);

  const startEdit = useCallback(() => {
    const current = view.data;
    if (!current) return;
    setForm(policyFormOf(current.effective.policy, current.own?.note ?? ''));
    setFormErrors({});
    setActionError(null);
  }, [view.data]);

  const cancelEdit = useCallback(() => {
    setForm(null);
    setFormErrors({});
  }, []);

  const setField = useCallback((name: keyof PolicyFormValues, value: string) => {
    setForm((current) => (current ? { ...current, [name]: value } : current));
    setFormErrors((current) => ({ ...current, [name]: undefined }));
  }, []);

  /** Runs one write at a time; its failure stays for the banner (a 409 for the reload notice). */
  const run = useCallback(
    async (write: () => Promise<unknown>, success: string) => {
      if (busyRef.current) return false;
      busyRef.current = true;
      setBusy(true);
      setActionError(null);
      try {
        await write();
        void Taro.showToast({ title: success, icon: 'success' });
        view.retry();
        return true;
      } catch (failure) {
        setActionError(toApiError(failure));
        return false;
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [view.retry],
  );

  const save = useCallback(async () => {
    const current = view.data;
    if (!form || !current || !orgPath) return;
    const checked = policyDraftOf(form);
    if (checked.errors) {
      setFormErrors(checked.errors);
      return;
    }
    const note = form.note.trim() || undefined;
    if (await run(() => savePolicy(orgPath, current.version, checked.draft, note), '已保存')) setForm(null);
  }, [form, orgPath, run, view.data]);

  const restore = useCallback(async () => {
    const current = view.data;
    if (!current || !orgPath) return;
    const { confirm } = await Taro.showModal({
      title: '恢复继承',
      content: '清除本级设置后，将改用上级（或系统默认）的规则。确定吗？',
      confirmText: '恢复继承',
      cancelText: '取消',
    });
    if (!confirm) return;
    if (await run(() => clearPolicy(orgPath, current.version), '已恢复继承')) setForm(null);
  }, [orgPath, run, view.data]);

  const reload = useCallback(() => {
    setActionError(null);
    setForm(null);
    setFormErrors({});
    view.retry();
  }, [view.retry]);

  const conflict = actionError?.code === 'VERSION_CONFLICT';
  return {
    view,
    form,
    formErrors,
    actionError,
    conflict,
    busy,
    startEdit,
    cancelEdit,
    setField,
    save,
    restore,
    reload,
  };
}

export interface PovertyLineFormValues {
  yuan: string;
  effectiveFrom: string;
}

/**
 * The 低保 standards in force at and above a node, and the form that adds one for the node from a
 * date (the same date again replaces that date's amount).
 */
export function usePovertyLines(orgPath: string | undefined, enabled: boolean) {
  const lines = useRequest<PovertyLine[]>(() => fetchPovertyLines(orgPath ?? ''), {
    enabled: enabled && Boolean(orgPath),
    key: orgPath,
  });
  const [values, setValues] = useState<PovertyLineFormValues>({ yuan: '', effectiveFrom: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof PovertyLineFormValues, string>>>({});
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);

  const set = useCallback((name: keyof PovertyLineFormValues, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    setErrors((current) => ({ ...current, [name]: undefined }));
  }, []);

  const add = useCallback(async () => {
    if (!orgPath || saving) return;
    const fen = fenOf(values.yuan);
    const parsed = povertyLineDraftSchema.safeParse({
      orgPath,
      effectiveFrom: values.effectiveFrom,
      monthlyFen: fen === null ? Number.NaN : fen,
    });
    if (!parsed.success) {
      const found: typeof errors = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'monthlyFen')
          found.yuan ??= fen === null ? '请填写金额，如 1140 或 1140.50' : issue.message;
        if (issue.path[0] === 'effectiveFrom') found.effectiveFrom ??= '请选择执行日期';
      }
      setErrors(found);
      return;
    }
    setSaving(true);
    setSaveError(null);
    try {
      await addPovertyLine(parsed.data);
      void Taro.showToast({ title: '已保存低保标准', icon: 'success' });
      setValues({ yuan: '', effectiveFrom: '' });
      lines.retry();
    } catch (failure) {
      setSaveError(toApiError(failure));
    } finally {
      setSaving(false);
    }
  }, [orgPath, saving, values, lines.retry]);

  return { lines, values, errors, saveError, saving, set, add };
}
