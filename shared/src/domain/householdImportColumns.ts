import type { ImportColumn } from './importColumns';

/**
 * The columns of a household (困难职工档案) import file, one row per household (shared: the staff
 * UI lists exactly what the server reads). They follow what unions keep in their 一户一档 ledgers;
 * headers are matched as for stations (spaces, `*` and a bracketed hint such as `（元）` ignored,
 * the English field names work too). Every cell is checked by the same schema as the filing form.
 *
 * | 列 | field | required | content |
 * |---|---|---|---|
 * | 户主姓名 | headName | yes | 2–20 characters |
 * | 身份证号 | idNumber | yes | 18 characters, GB 11643 (check digit); the row's key: a re-import updates the file with this number |
 * | 联系电话 | phone | yes | mobile or landline |
 * | 家庭住址 | address | yes | 2–120 characters; stored sealed, shown in the detail only |
 * | 所属组织 | orgPath | no | an org path inside the import's org; blank: the import's org (a re-import keeps the file's) |
 * | 困难类别 | category | yes | 深度困难、相对困难、意外致困 |
 * | 档案状态 | status | no | 在档 (default)、已脱困、监测结束 |
 * | 脱困日期 | exitDate | no | required with 已脱困, empty otherwise; 2025-06-30, 2025/6/30 or 2025年6月30日 |
 * | 致困原因 | causes | yes | 疾病、残疾、失业、子女就学、意外事故、灾害、其他 (also 因病、因残、因学、因灾…) separated by 、，, ; |
 * | 家庭人口 | householdSize | yes | 1–12; must be 1 + the members listed in 家庭成员 |
 * | 家庭成员 | members | no | everyone but the head, `关系 姓名 出生年份 健康状况 就业状况` each, separated by ； or line breaks |
 * | 户主健康状况 | headCondition | no | 健康 (default)、慢性病、大病、残疾 |
 * | 户主就业状况 | headEmployment | no | 在岗 (default)、灵活就业、失业、务农、退休、在校、无劳动能力 |
 * | 家庭年收入（元） | annualIncome | yes | yuan, up to 2 decimals; 3.6万 works |
 * | 年固定必要支出（元） | fixedSpending | no | yuan; blank is 0 |
 * | 年医疗/意外支出（元） | medicalCosts | no | yuan; blank is 0 |
 * | 同意人 | consentGivenBy | yes | who agreed to the filing (户主 or a guardian) |
 * | 同意人关系 | consentRelation | no | 本人、配偶、子女、父母、兄弟姐妹、其他; blank: 本人 when 同意人 is the head |
 * | 同意日期 | consentDate | yes | not in the future |
 * | 同意范围 | consentScopes | no | 建档 (required)、入户走访、信息核查; blank: 建档、入户走访 |
 * | 同意方式 | consentMethod | no | 书面签字 (default) or 口头（录音） |
 * | 备注 | notes | no | up to 500 characters |
 *
 * The head is the household's 本人 member: named by 户主姓名, born in the year the ID number says,
 * with 户主健康状况 and 户主就业状况. Without a 家庭成员 column the household is the head alone, so
 * 家庭人口 must then be 1 (a file never holds members the ledger did not name). The caseworker of a
 * created file is the staff member who imports it; a re-import keeps the file's caseworker.
 *
 * A row's file is the one holding its ID number in the import org's province tree (looked up by a
 * keyed hash, never by the number). One in the caller's scope is updated when the row differs and
 * left unchanged when it does not; one outside it is refused without saying where it is. When
 * updating, a column left out of the file keeps the stored value; the consent is the one recorded at
 * filing and is not changed by a re-import.
 */
export const householdImportColumns = [
  {
    key: 'headName',
    label: '户主姓名',
    aliases: ['headname', '姓名', '户主', '职工姓名', '困难职工姓名'],
    required: true,
    example: '示例户·张某某',
    note: '2–20 个字',
  },
  {
    key: 'idNumber',
    label: '身份证号',
    aliases: ['idnumber', '身份证号码', '公民身份号码', '身份证', '证件号码'],
    required: true,
    example: '320582198001011231',
    note: '18 位；再次导入时按它更新，不会重复建档',
  },
  {
    key: 'phone',
    label: '联系电话',
    aliases: ['phone', '电话', '手机', '手机号', '手机号码'],
    required: true,
    example: '13812345678',
    note: '手机或固定电话',
  },
  {
    key: 'address',
    label: '家庭住址',
    aliases: ['address', '住址', '家庭地址', '现住址', '居住地址'],
    required: true,
    example: '张家港市大新镇示例路 8 号',
    note: '列表只显示所属区域，住址仅在详情中显示',
  },
  {
    key: 'orgPath',
    label: '所属组织',
    aliases: ['orgpath', '组织路径', '所属工会'],
    required: false,
    example: '320000/320500/320582/daxin',
    note: '不填为本级工会',
  },
  {
    key: 'category',
    label: '困难类别',
    aliases: ['category', '困难类型', '档案类别'],
    required: true,
    example: '相对困难',
    note: '深度困难、相对困难、意外致困',
  },
  {
    key: 'status',
    label: '档案状态',
    aliases: ['status', '状态'],
    required: false,
    example: '在档',
    note: '在档（默认）、已脱困、监测结束',
  },
  {
    key: 'exitDate',
    label: '脱困日期',
    aliases: ['exitdate', '解困日期', '脱困时间'],
    required: false,
    example: '',
    note: '已脱困时必填',
  },
  {
    key: 'causes',
    label: '致困原因',
    aliases: ['causes', '困难原因', '主要致困原因'],
    required: true,
    example: '疾病、子女就学',
    note: '疾病、残疾、失业、子女就学、意外事故、灾害、其他，用“、”分隔',
  },
  {
    key: 'householdSize',
    label: '家庭人口',
    aliases: ['householdsize', '家庭人数', '家庭成员人数', '人口数'],
    required: true,
    example: '3',
    note: '含户主；须与家庭成员人数相符',
  },
  {
    key: 'members',
    label: '家庭成员',
    aliases: ['members', '家庭成员情况', '其他家庭成员'],
    required: false,
    example: '配偶 李某某 1982 慢性病 务农；子女 张某 2010 健康 在校',
    note: '户主以外的成员：关系 姓名 出生年份 健康状况 就业状况，用“；”分隔',
  },
  {
    key: 'headCondition',
    label: '户主健康状况',
    aliases: ['headcondition', '健康状况'],
    required: false,
    example: '健康',
    note: '健康（默认）、慢性病、大病、残疾',
  },
  {
    key: 'headEmployment',
    label: '户主就业状况',
    aliases: ['heademployment', '就业状况', '就业情况'],
    required: false,
    example: '在岗',
    note: '在岗（默认）、灵活就业、失业、务农、退休、在校、无劳动能力',
  },
  {
    key: 'annualIncome',
    label: '家庭年收入（元）',
    aliases: ['annualincome', '家庭年可支配收入', '家庭年总收入', '年收入'],
    required: true,
    example: '36000',
    note: '元，可带两位小数',
  },
  {
    key: 'fixedSpending',
    label: '年固定必要支出（元）',
    aliases: ['fixedspending', '年刚性支出', '固定必要支出', '刚性支出'],
    required: false,
    example: '6000',
    note: '不填为 0',
  },
  {
    key: 'medicalCosts',
    label: '年医疗/意外支出（元）',
    aliases: ['medicalcosts', '年医疗及意外支出', '医疗支出', '年医疗支出'],
    required: false,
    example: '12000',
    note: '不填为 0',
  },
  {
    key: 'consentGivenBy',
    label: '同意人',
    aliases: ['consentgivenby', '同意人姓名', '签字人'],
    required: true,
    example: '示例户·张某某',
    note: '户主或监护人',
  },
  {
    key: 'consentRelation',
    label: '同意人关系',
    aliases: ['consentrelation', '同意人与户主关系'],
    required: false,
    example: '本人',
    note: '同意人不是户主时必填',
  },
  {
    key: 'consentDate',
    label: '同意日期',
    aliases: ['consentdate', '签字日期', '同意时间'],
    required: true,
    example: '2025-03-01',
    note: '',
  },
  {
    key: 'consentScopes',
    label: '同意范围',
    aliases: ['consentscopes'],
    required: false,
    example: '建档、入户走访',
    note: '须含建档；不填为 建档、入户走访',
  },
  {
    key: 'consentMethod',
    label: '同意方式',
    aliases: ['consentmethod'],
    required: false,
    example: '书面签字',
    note: '书面签字（默认）或 口头（录音）',
  },
  {
    key: 'notes',
    label: '备注',
    aliases: ['notes', '说明'],
    required: false,
    example: '',
    note: '',
  },
] as const satisfies readonly ImportColumn[];

export type HouseholdImportColumnKey = (typeof householdImportColumns)[number]['key'];

/**
 * Columns ledgers carry that the import does not read: the row number, and figures the system works
 * out itself (the per-capita income is computed, never typed). `null`: skipped silently.
 */
export const householdImportIgnoredHeaders: Record<string, string | null> = {
  序号: null,
  编号: null,
  性别: null,
  出生日期: null,
  年龄: null,
  人均月收入: '人均月收入由系统按收入、支出和家庭人口计算，该列未导入',
};
