import {
  type HouseholdDraft,
  householdDraftSchema,
  type ImportIssue,
  isWithinOrg,
  type OrgNode,
} from '@ankang/shared';
import { getFilesByIdHashes, type IdHolder } from '../db/hardshipImportReads';
import type { HardshipFileRecord } from '../db/hardshipItems';
import { getOrgs } from '../db/orgs';
import { canonicalJson } from '../lib/contentHash';
import { keyedHash } from '../lib/lookupHash';
import type { Caller } from './caller';
import { openFile, sealedContactHash } from './hardshipRules';
import {
  type HouseholdColumn,
  headMember,
  householdColumnLabel,
  type MappedHousehold,
} from './householdImportMapping';
import { inParallel } from './importRun';
import { isInScope } from './scope';

/** What an import does with one household row, and the problems found in it. */
export type HouseholdPlan =
  | { row: number; action: 'refuse'; issues: ImportIssue[] }
  | { row: number; action: 'unchanged'; issues: ImportIssue[] }
  | { row: number; action: 'create'; draft: HouseholdDraft; org: OrgNode; issues: ImportIssue[] }
  | {
      row: number;
      action: 'update';
      draft: HouseholdDraft;
      org: OrgNode;
      previous: HardshipFileRecord;
      issues: ImportIssue[];
    };

/** The reason given for a number filed outside the caller's scope: the same as the filing form's, nothing more. */
export const FILED_ELSEWHERE = '该身份证号码已在其他工会建档，请联系上级工会';

/** Sealed reads at once when telling unchanged rows from updated ones. */
const OPEN_CONCURRENCY = 16;

/**
 * What to do with each row: the ID numbers' keyed hashes, then two rounds of batch reads (claims,
 * then their files) and one of org nodes, whatever the row count; pure checks per row in file
 * order; last, the sealed fields of files whose other fields all match, to tell unchanged from
 * updated (the only reads of plaintext, never returned or logged).
 */
export async function planHouseholdRows(
  caller: Caller,
  importOrg: string,
  rows: MappedHousehold[],
): Promise<HouseholdPlan[]> {
  const hashes = await Promise.all(rows.map((row) => (row.idNumber ? keyedHash('id', row.idNumber) : null)));
  const holders = await getFilesByIdHashes(importOrg, [
    ...new Set(hashes.filter((h): h is string => h !== null)),
  ]);
  // The nodes rows name, the import's, and those of the files they reach (a row may keep its file's).
  const orgPaths = new Set([importOrg, ...rows.flatMap((r) => (r.orgPath ? [r.orgPath] : []))]);
  for (const holder of holders.values()) if (holder.file) orgPaths.add(holder.file.orgPath);
  const orgs = await getOrgs([...orgPaths]);
  const context: PlanContext = {
    caller,
    importOrg,
    holders,
    orgs: new Map(orgs.map((org) => [org.path, org])),
    firstRowOf: new Map(),
  };
  const plans = rows.map((row, index) => planRow(context, row, hashes[index] ?? null));
  await inParallel(
    plans.flatMap((plan, index) => (plan.action === 'update' && sameOpenFields(plan) ? [index] : [])),
    OPEN_CONCURRENCY,
    async (index) => {
      const plan = plans[index] as Extract<HouseholdPlan, { action: 'update' }>;
      // Compared by keyed hash; only a file stored before the hash existed is decrypted.
      const same = plan.previous.contactHash
        ? plan.previous.contactHash === (await sealedContactHash(plan.draft))
        : await openFile(plan.previous).then(
            (s) => s.phone === plan.draft.phone && s.address === plan.draft.address,
          );
      if (!same) return;
      plans[index] = { row: plan.row, action: 'unchanged', issues: plan.issues };
    },
  );
  return plans;
}

interface PlanContext {
  caller: Caller;
  importOrg: string;
  holders: Map<string, IdHolder>;
  orgs: Map<string, OrgNode>;
  /** The first row of each ID number's hash, for repeats inside the file. */
  firstRowOf: Map<string, number>;
}

function planRow(context: PlanContext, row: MappedHousehold, hash: string | null): HouseholdPlan {
  const issues = [...row.issues];
  const issue = (key: HouseholdColumn, message: string) =>
    issues.push({ row: row.row, column: householdColumnLabel[key], message });
  const holder = hash ? context.holders.get(hash) : undefined;
  if (hash) {
    // One row per household: the first row with a number wins.
    const first = context.firstRowOf.get(hash);
    if (first === undefined) context.firstRowOf.set(hash, row.row);
    else issue('idNumber', `身份证号与第 ${first} 行相同，同一户只导入一次，本行未导入`);
  }
  const previous = holder ? matchedFile(context, holder, (message) => issue('idNumber', message)) : undefined;
  const orgPath = row.orgPath ?? previous?.orgPath ?? context.importOrg;
  const org = context.orgs.get(orgPath);
  if (!org) issue('orgPath', `组织“${orgPath}”不存在，请先在组织管理中添加`);
  if (issues.length > 0 || !org) return { row: row.row, action: 'refuse', issues };

  const draft = completeDraft(row, previous, orgPath, issue);
  if (!draft) return { row: row.row, action: 'refuse', issues };
  if (!previous) return { row: row.row, action: 'create', draft, org, issues };
  return { row: row.row, action: 'update', draft, org, previous, issues };
}

/**
 * The file a row's ID number reaches, or undefined with an issue when the row may not touch it:
 * a file outside the caller's scope is refused saying nothing of where it is.
 */
function matchedFile(
  context: PlanContext,
  holder: IdHolder,
  issue: (message: string) => void,
): HardshipFileRecord | undefined {
  if (!isInScope(context.caller, holder.claim.orgPath)) {
    issue(FILED_ELSEWHERE);
    return undefined;
  }
  if (!holder.file) {
    issue('该身份证号码的档案无法读取，请联系管理员');
    return undefined;
  }
  if (!isWithinOrg(holder.file.orgPath, context.importOrg)) {
    issue(`该身份证号码已在“${holder.file.orgName}”建档，不在本次导入的组织之下，请在该组织导入或修改`);
    return undefined;
  }
  return holder.file;
}

/** Which column a field of the draft came from, for the schema's own messages. */
function columnOf(path: PropertyKey[]): HouseholdColumn {
  const [field, sub] = path;
  if (field === 'members') return sub === 0 ? 'headName' : 'members';
  if (field === 'income') {
    return sub === 'annualFixedSpendingFen'
      ? 'fixedSpending'
      : sub === 'medicalAccidentCostsFen'
        ? 'medicalCosts'
        : 'annualIncome';
  }
  if (field === 'consent') {
    const consentColumns: Record<string, HouseholdColumn> = {
      relation: 'consentRelation',
      date: 'consentDate',
      scopes: 'consentScopes',
      method: 'consentMethod',
    };
    return consentColumns[String(sub)] ?? 'consentGivenBy';
  }
  return field as HouseholdColumn;
}

/**
 * The row over the stored file (update) or the defaults (create), checked by the filing form's
 * schema. The consent of a stored file is the one recorded at filing: a re-import keeps it.
 */
function completeDraft(
  row: MappedHousehold,
  previous: HardshipFileRecord | undefined,
  orgPath: string,
  issue: (key: HouseholdColumn, message: string) => void,
): HouseholdDraft | undefined {
  const storedOthers = previous?.members.filter((m) => m.relation !== 'self');
  const members = [
    headMember(
      row,
      previous?.members.find((m) => m.relation === 'self'),
    ),
    ...(row.others ?? storedOthers ?? []),
  ];
  if (members.length !== row.householdSize) {
    issue(
      'householdSize',
      `家庭人口为 ${row.householdSize} 人，但家庭成员为 ${members.length} 人（含户主）；请在“家庭成员”列填写户主以外的每位成员`,
    );
    return undefined;
  }
  const status = row.fields.status ?? previous?.status ?? 'active';
  const exitDate =
    row.fields.exitDate === undefined
      ? status === 'exited'
        ? previous?.exitDate
        : undefined
      : (row.fields.exitDate ?? undefined);
  const notes = row.fields.notes === undefined ? previous?.notes : (row.fields.notes ?? undefined);
  const consent = previous
    ? {
        givenBy: previous.consent.givenBy,
        relation: previous.consent.relation,
        date: previous.consent.date,
        scopes: previous.consent.scopes,
        method: previous.consent.method,
      }
    : row.consent;
  const candidate = {
    orgPath,
    headName: row.fields.headName,
    idNumber: row.idNumber,
    phone: row.fields.phone,
    address: row.fields.address,
    members,
    category: row.fields.category,
    status,
    ...(exitDate ? { exitDate } : {}),
    causes: row.fields.causes,
    income: {
      annualIncomeFen: row.income.annualIncomeFen,
      annualFixedSpendingFen:
        row.income.annualFixedSpendingFen ?? previous?.income.annualFixedSpendingFen ?? 0,
      medicalAccidentCostsFen:
        row.income.medicalAccidentCostsFen ?? previous?.income.medicalAccidentCostsFen ?? 0,
    },
    consent,
    ...(notes ? { notes } : {}),
  };
  const parsed = householdDraftSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  for (const problem of parsed.error.issues) issue(columnOf(problem.path), problem.message);
  return undefined;
}

/** The fields a row can change that are kept in the clear. */
function openFieldsOf(file: {
  orgPath: string;
  headName: string;
  members: readonly unknown[];
  category: string;
  status: string;
  exitDate?: string | undefined;
  causes: string[];
  income: unknown;
  notes?: string | undefined;
}) {
  return canonicalJson({
    orgPath: file.orgPath,
    headName: file.headName,
    // Members in any order are the same household (the form may have put the head anywhere).
    members: file.members.map((member) => canonicalJson(member)).sort(),
    category: file.category,
    status: file.status,
    exitDate: file.exitDate ?? null,
    causes: [...file.causes].sort(),
    income: file.income,
    notes: file.notes ?? null,
  });
}

/** Every field in the clear is the stored one: only the sealed phone and address may differ. */
function sameOpenFields(plan: Extract<HouseholdPlan, { action: 'update' }>): boolean {
  return openFieldsOf(plan.previous) === openFieldsOf(plan.draft);
}
