import {
  type Campaign,
  type CampaignDraft,
  campaignDraftSchema,
  copyCampaignForYear,
  isWithinOrg,
  type WorkerGroup,
} from '@ankang/shared';

/** One catalog row as typed: the unit cost is 元 text (2 decimals at most), stored as whole 分. */
export interface CampaignItemRow {
  /** A local id for React; never sent. */
  key: string;
  code: string;
  name: string;
  unit: string;
  cost: string;
}

export interface CampaignKindRow {
  key: string;
  code: string;
  name: string;
  items: CampaignItemRow[];
}

export interface CampaignFormValues {
  title: string;
  orgPath: string;
  season: { from: string; to: string };
  signup: { from: string; to: string };
  targetGroups: WorkerGroup[];
  kinds: CampaignKindRow[];
  /** 清凉码 allowance: the item row (by its local key, so renaming a code keeps it) and the daily count. */
  cooling: CoolingAllowanceRow;
}

export interface CoolingAllowanceRow {
  /** The chosen item's row key; null: no 清凉码 hand-outs in this campaign. */
  itemKey: string | null;
  perDay: number;
}

/**
 * Errors by field key: `title`, `season.to`, `kinds`, `kinds.0.name`, `kinds.0.items`,
 * `kinds.0.items.1.cost` …; `form` for a problem no field shows.
 */
export type CampaignFormErrors = Record<string, string | undefined>;

let lastKey = 0;
const rowKey = () => `row${++lastKey}`;

/** The first `prefix1`, `prefix2` … not taken: a code that always passes catalogCodeSchema. */
export function nextCode(prefix: 'kind' | 'item', taken: readonly string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`${prefix}${n}`)) return `${prefix}${n}`;
}

export function newItemRow(kind: CampaignKindRow): CampaignItemRow {
  const code = nextCode(
    'item',
    kind.items.map((item) => item.code),
  );
  return { key: rowKey(), code, name: '', unit: '', cost: '' };
}

export function newKindRow(kinds: readonly CampaignKindRow[], name = ''): CampaignKindRow {
  const kind: CampaignKindRow = {
    key: rowKey(),
    code: nextCode(
      'kind',
      kinds.map((k) => k.code),
    ),
    name,
    items: [],
  };
  return { ...kind, items: [newItemRow(kind)] };
}

/** 12.5 元 from 1250 分: always two decimals, as money is written. */
export function yuanText(fen: number | undefined): string {
  if (fen === undefined) return '';
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

const YUAN = /^(\d{1,7})(?:\.(\d{1,2}))?$/;

/** Whole 分 from 元 text, exactly (no floating point); undefined when blank, null when not money. */
export function fenOf(text: string): number | undefined | null {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const match = YUAN.exec(trimmed);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** A new campaign: the usual three kinds, each with one empty row to fill in. */
export function emptyCampaignForm(orgPath: string): CampaignFormValues {
  const kinds: CampaignKindRow[] = [];
  for (const name of ['送清凉', '送健康', '送安全']) kinds.push(newKindRow(kinds, name));
  return {
    title: '',
    orgPath,
    season: { from: '', to: '' },
    signup: { from: '', to: '' },
    targetGroups: [],
    kinds,
    cooling: { itemKey: null, perDay: 1 },
  };
}

function draftToForm(draft: CampaignDraft): CampaignFormValues {
  const kinds = kindsToRows(draft.kinds);
  const allowance = draft.coolingAllowance;
  const allowanceKey = allowance
    ? kinds.find((k) => k.code === allowance.kind)?.items.find((item) => item.code === allowance.item)?.key
    : undefined;
  return {
    title: draft.title,
    orgPath: draft.orgPath,
    season: { ...draft.season },
    signup: { ...draft.signup },
    targetGroups: [...draft.targetGroups],
    kinds,
    cooling: { itemKey: allowanceKey ?? null, perDay: allowance?.perWorkerPerDay ?? 1 },
  };
}

function kindsToRows(kinds: CampaignDraft['kinds']): CampaignKindRow[] {
  return kinds.map((kind) => ({
    key: rowKey(),
    code: kind.code,
    name: kind.name,
    items: kind.items.map((item) => ({
      key: rowKey(),
      code: item.code,
      name: item.name,
      unit: item.unit,
      cost: yuanText(item.unitCostFen),
    })),
  }));
}

/** A stored campaign's own fields (what createCampaign and updateCampaign take). */
export function draftOf(campaign: Campaign): CampaignDraft {
  const { orgPath, title, season, signup, kinds, targetGroups, coolingAllowance } = campaign;
  return {
    orgPath,
    title,
    season,
    signup,
    kinds,
    targetGroups,
    ...(coolingAllowance ? { coolingAllowance } : {}),
  };
}

export function campaignToForm(campaign: Campaign): CampaignFormValues {
  return draftToForm(draftOf(campaign));
}

/**
 * 复制往年活动: the earlier campaign moved to `year` (copyCampaignForYear). A campaign of a union
 * above the caller's is run by the caller's own union in the copy (staff cannot create above).
 */
export function copiedForm(source: Campaign, year: number, scope: string | undefined): CampaignFormValues {
  const form = draftToForm(copyCampaignForYear(draftOf(source), year));
  if (scope && !isWithinOrg(form.orgPath, scope)) form.orgPath = scope;
  return form;
}

/** A schema path (kinds.0.items.1.unitCostFen, season.to) as the key of the field showing it. */
export function fieldOfPath(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  const [head, kindIndex, part, itemIndex, field] = parts;
  if (head === 'kinds') {
    if (kindIndex === undefined) return 'kinds';
    if (part === 'items') {
      if (itemIndex === undefined) return `kinds.${kindIndex}.items`;
      return `kinds.${kindIndex}.items.${itemIndex}.${field === 'unitCostFen' ? 'cost' : (field ?? 'name')}`;
    }
    return `kinds.${kindIndex}.${part ?? 'name'}`;
  }
  if (head === 'season' || head === 'signup') return `${head}.${kindIndex ?? 'to'}`;
  if (head === 'title' || head === 'orgPath' || head === 'targetGroups') return head;
  if (head === 'coolingAllowance') return 'cooling';
  return 'form';
}

/** Field errors from a 400's `details.issues` (paths like body.kinds.0.name). */
export function errorsFromIssues(issues: { path: string; message: string }[]): CampaignFormErrors {
  const errors: CampaignFormErrors = {};
  for (const issue of issues) {
    const key = fieldOfPath(
      issue.path
        .replace(/^body\.?/, '')
        .split('.')
        .filter(Boolean),
    );
    errors[key] ??= issue.message;
  }
  return errors;
}

/** zod's own English messages (a field without a Chinese one in the schema) in Chinese. */
function friendly(key: string, message: string): string {
  if (/[\u4e00-\u9fa5]/.test(message)) return message;
  if (key.endsWith('.code')) return '编码只能用小写字母、数字和短横线，以字母开头';
  if (key === 'orgPath') return '请选择发起活动的工会';
  return '填写有误，请检查';
}

/** Blank codes get an automatic one, so staff who do not care about codes never see one fail. */
function withCodes(kinds: CampaignKindRow[]): CampaignKindRow[] {
  const kindCodes = kinds.map((kind) => kind.code.trim());
  return kinds.map((kind, i) => {
    const code = kindCodes[i] || nextCode('kind', kindCodes);
    kindCodes[i] = code;
    const itemCodes = kind.items.map((item) => item.code.trim());
    const items = kind.items.map((item, j) => {
      const itemCode = itemCodes[j] || nextCode('item', itemCodes);
      itemCodes[j] = itemCode;
      return { ...item, code: itemCode };
    });
    return { ...kind, code, items };
  });
}

/**
 * Checks the form with the schema the API uses; returns the draft to send (costs in 分) or Chinese
 * messages per field. Nothing is sent while any field is wrong.
 */
export function formToDraft(
  values: CampaignFormValues,
): { draft: CampaignDraft; values: CampaignFormValues } | { errors: CampaignFormErrors } {
  const errors: CampaignFormErrors = {};
  for (const range of ['season', 'signup'] as const) {
    if (!values[range].from) errors[`${range}.from`] = '请选择开始日期';
    if (!values[range].to) errors[`${range}.to`] = '请选择结束日期';
  }
  const kinds = withCodes(values.kinds);
  const coolingKind = kinds.find((kind) => kind.items.some((item) => item.key === values.cooling.itemKey));
  const coolingItem = coolingKind?.items.find((item) => item.key === values.cooling.itemKey);
  const candidate = {
    title: values.title,
    orgPath: values.orgPath,
    season: values.season,
    signup: values.signup,
    targetGroups: values.targetGroups,
    kinds: kinds.map((kind, i) => ({
      code: kind.code,
      name: kind.name,
      items: kind.items.map((item, j) => {
        const fen = fenOf(item.cost);
        if (fen === null)
          errors[`kinds.${i}.items.${j}.cost`] = '单价请填写金额（元），最多两位小数，例如 2.50';
        return { code: item.code, name: item.name, unit: item.unit, unitCostFen: fen ?? undefined };
      }),
    })),
    // An item removed after it was chosen simply switches the allowance off.
    ...(coolingKind && coolingItem
      ? {
          coolingAllowance: {
            kind: coolingKind.code,
            item: coolingItem.code,
            perWorkerPerDay: values.cooling.perDay,
          },
        }
      : {}),
  };
  const parsed = campaignDraftSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = fieldOfPath(issue.path);
      errors[key] ??= friendly(key, issue.message);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { draft: parsed.data, values: { ...values, kinds } };
}
