import {
  type HardshipPolicyDraft,
  type HardshipPolicyView,
  type PovertyLine,
  povertyLineDraftSchema,
} from '@ankang/shared';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import {
  addPovertyLine,
  clearPolicy,
  fetchPolicy,
  fetchPovertyLines,
  savePolicy,
} from '../services/hardshipPolicy';
import {
  type PolicyFormValues,
  policyDraftOf,
  policyFormFields,
  policyFormOf,
} from '../services/hardshipPolicyFormat';
import { fenOf } from '../services/staffCampaignForm';
import { type FieldErrors, useFormFields } from './useFormFields';
import { useRequest } from './useRequest';
import { useSubmit } from './useSubmit';

/** Never shown: the form is filled from the rules in force when editing starts. */
const blankPolicyForm = (): PolicyFormValues => ({
  ...(Object.fromEntries(policyFormFields.map((field) => [field.name, ''])) as Omit<
    PolicyFormValues,
    'note'
  >),
  note: '',
});

/** The two writes of the 规则设置 page, each with the version shown. */
type PolicyWrite =
  | { kind: 'save'; orgPath: string; version: number; draft: HardshipPolicyDraft; note?: string }
  | { kind: 'clear'; orgPath: string; version: number };

const sendPolicyWrite = (write: PolicyWrite) =>
  write.kind === 'save'
    ? savePolicy(write.orgPath, write.version, write.draft, write.note)
    : clearPolicy(write.orgPath, write.version);

/**
 * One org node's monitoring rules on the 规则设置 page: the view, the admin's edit form (filled from
 * what applies now), 保存 and 恢复继承, one write at a time. A write is sent with the version shown;
 * its failure stays for the banner (a 409 as `conflict`), and `reload` drops the form and loads
 * what the other person saved.
 */
export function useHardshipPolicy(orgPath: string | undefined, enabled: boolean) {
  const view = useRequest<HardshipPolicyView>(() => fetchPolicy(orgPath ?? ''), {
    enabled: enabled && Boolean(orgPath),
    key: orgPath,
  });
  const [editing, setEditing] = useState(false);
  const fields = useFormFields<PolicyFormValues>(blankPolicyForm);
  const write = useSubmit(sendPolicyWrite, {
    success: (w) => (w.kind === 'save' ? '已保存' : '已恢复继承'),
    onDone: () => {
      setEditing(false);
      view.retry();
    },
    toastFailure: false,
  });

  const startEdit = useCallback(() => {
    const current = view.data;
    if (!current) return;
    fields.reset(policyFormOf(current.effective.policy, current.own?.note ?? ''));
    setEditing(true);
    write.clear();
  }, [view.data, fields.reset, write.clear]);

  const cancelEdit = useCallback(() => setEditing(false), []);

  const save = useCallback(async () => {
    const current = view.data;
    if (!editing || !current || !orgPath) return;
    const checked = policyDraftOf(fields.values);
    if (checked.errors) {
      fields.setErrors(checked.errors);
      return;
    }
    const note = fields.values.note.trim() || undefined;
    await write.submit({ kind: 'save', orgPath, version: current.version, draft: checked.draft, note });
  }, [editing, fields.values, fields.setErrors, orgPath, write.submit, view.data]);

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
    await write.submit({ kind: 'clear', orgPath, version: current.version });
  }, [orgPath, write.submit, view.data]);

  const reload = useCallback(() => {
    write.clear();
    setEditing(false);
    view.retry();
  }, [view.retry, write.clear]);

  const conflict = write.error?.code === 'VERSION_CONFLICT';
  return {
    view,
    form: editing ? fields.values : null,
    formErrors: fields.errors,
    actionError: write.error,
    conflict,
    busy: write.submitting,
    startEdit,
    cancelEdit,
    setField: fields.set,
    save,
    restore,
    reload,
  };
}

export interface PovertyLineFormValues {
  yuan: string;
  effectiveFrom: string;
}

const emptyLineForm = (): PovertyLineFormValues => ({ yuan: '', effectiveFrom: '' });

/**
 * The 低保 standards in force at and above a node, and the form that adds one for the node from a
 * date (the same date again replaces that date's amount). A failed add is said once, by the page's
 * banner, and the form keeps what was typed.
 */
export function usePovertyLines(orgPath: string | undefined, enabled: boolean) {
  const lines = useRequest<PovertyLine[]>(() => fetchPovertyLines(orgPath ?? ''), {
    enabled: enabled && Boolean(orgPath),
    key: orgPath,
  });
  const { values, errors, set, setErrors, reset } = useFormFields<PovertyLineFormValues>(emptyLineForm);
  const adding = useSubmit(addPovertyLine, {
    success: '已保存低保标准',
    onDone: () => {
      reset(emptyLineForm());
      lines.retry();
    },
    toastFailure: false,
  });

  const add = useCallback(async () => {
    if (!orgPath) return;
    const fen = fenOf(values.yuan);
    const parsed = povertyLineDraftSchema.safeParse({
      orgPath,
      effectiveFrom: values.effectiveFrom,
      monthlyFen: fen === null ? Number.NaN : fen,
    });
    if (!parsed.success) {
      const found: FieldErrors<PovertyLineFormValues> = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'monthlyFen')
          found.yuan ??= fen === null ? '请填写金额，如 1140 或 1140.50' : issue.message;
        if (issue.path[0] === 'effectiveFrom') found.effectiveFrom ??= '请选择执行日期';
      }
      setErrors(found);
      return;
    }
    // Guarded by useSubmit's ref: a second tap before the next render is not sent.
    await adding.submit(parsed.data);
  }, [orgPath, values, setErrors, adding.submit]);

  return { lines, values, errors, saveError: adding.error, saving: adding.submitting, set, add };
}
