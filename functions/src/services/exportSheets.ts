import {
  type Campaign,
  type Delivery,
  type DeliveryDashboard,
  deliveryFlagLabels,
  deliveryReviewStatusLabels,
  type Handout,
  handoutReviewStatusLabels,
  shanghaiClock,
  shanghaiDate,
} from '@ankang/shared';
import type { ReportCell, ReportSheet } from './exportDocument';

/** The detail sheet's columns, one row per delivery and per hand-out. */
export const detailHeader = [
  '日期',
  '时间',
  '记录类型',
  '类别',
  '物资及数量',
  '人次',
  '金额(元)',
  '志愿者/发放人',
  '地点',
  '地址',
  '所属组织',
  '审核状态',
  '审核意见',
  '标记',
  '备注',
  '记录编号',
] as const;

const detailWidths = [12, 8, 12, 10, 32, 8, 10, 14, 24, 32, 20, 10, 24, 24, 32, 36];

const kindNameOf = (campaign: Campaign, code: string) =>
  campaign.kinds.find((kind) => kind.code === code)?.name ?? code;

export function deliveryRow(delivery: Delivery): ReportCell[] {
  return [
    delivery.date,
    shanghaiClock(new Date(delivery.deliveredAt)),
    '配送',
    delivery.kindName,
    delivery.items.map((item) => `${item.name} ${item.quantity}${item.unit}`).join('；'),
    delivery.peopleReached,
    { fen: delivery.moneyFen },
    delivery.volunteerName,
    delivery.siteName,
    delivery.siteAddress,
    delivery.orgName,
    deliveryReviewStatusLabels[delivery.review.status],
    delivery.review.comment ?? '',
    delivery.flags.map((flag) => deliveryFlagLabels[flag]).join('；'),
    delivery.notes ?? '',
    delivery.id,
  ];
}

/** A hand-out counts one 人次; the worker shows only as the short tag of their pseudonym. */
export function handoutRow(handout: Handout, campaign: Campaign, orgName: string): ReportCell[] {
  return [
    handout.date,
    shanghaiClock(new Date(handout.handedAt)),
    '清凉码发放',
    kindNameOf(campaign, handout.kind),
    `${handout.itemName} ${handout.quantity}${handout.unit}`,
    1,
    { fen: handout.moneyFen },
    handout.recorderName,
    handout.placeName,
    '',
    orgName,
    handoutReviewStatusLabels[handout.review.status],
    handout.review.comment ?? '',
    handout.flags.map((flag) => deliveryFlagLabels[flag]).join('；'),
    `职工 ${handout.workerTag}`,
    handout.id,
  ];
}

export function detailSheet(rows: ReportCell[][]): ReportSheet {
  return {
    name: '明细',
    widths: detailWidths,
    headingRows: new Set([0]),
    rows: [[...detailHeader], ...rows],
  };
}

/** Builds the summary sheet section by section, remembering which rows are headings. */
class SummaryBuilder {
  readonly rows: ReportCell[][] = [];
  readonly headingRows = new Set<number>();

  heading(...cells: ReportCell[]): void {
    this.headingRows.add(this.rows.length);
    this.rows.push(cells);
  }

  row(...cells: ReportCell[]): void {
    this.rows.push(cells);
  }

  /** A titled table: a blank line, the title, the column header, then the rows. */
  section(title: string, header: string[], rows: ReportCell[][]): void {
    this.rows.push([]);
    this.heading(title);
    this.heading(...header);
    for (const row of rows) this.rows.push(row);
  }
}

const percent = (part: number, whole: number) =>
  whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`;

/**
 * The summary sheet: the dashboard's figures as they were when the export was made (read from the
 * same counters the dashboard reads), so the report and the screen agree.
 */
export function summarySheet(campaign: Campaign, dashboard: DeliveryDashboard): ReportSheet {
  const sheet = new SummaryBuilder();
  const generatedAt = new Date(dashboard.generatedAt);
  sheet.heading(`${campaign.title} 配送报表`);
  sheet.row('组织', dashboard.orgName);
  sheet.row('活动期间', `${campaign.season.from} 至 ${campaign.season.to}`);
  sheet.row('统计时间', `${shanghaiDate(generatedAt)} ${shanghaiClock(generatedAt)}`);
  sheet.row('说明', '合计不含审核未通过的记录；清凉码发放每次计 1 人次');
  const { totals, byStatus, coverage } = dashboard;
  sheet.section(
    '总计',
    ['配送次数', '发放次数', '人次', '金额(元)'],
    [[totals.deliveries, totals.handouts, totals.people, { fen: totals.moneyFen }]],
  );
  sheet.section(
    '审核状态（配送次数）',
    ['待审核', '已通过', '有问题', '未通过'],
    [[byStatus.pending, byStatus.approved, byStatus.needsChanges, byStatus.rejected]],
  );
  sheet.section(
    '按类别',
    ['类别', '配送次数', '人次', '金额(元)'],
    dashboard.byKind.map((kind) => [kind.name, kind.deliveries, kind.people, { fen: kind.moneyFen }]),
  );
  sheet.section(
    '按物资',
    ['类别', '物资', '单位', '数量', '金额(元)'],
    dashboard.byItem.map((item) => [
      kindNameOf(campaign, item.kind),
      item.name,
      item.unit,
      item.quantity,
      { fen: item.moneyFen },
    ]),
  );
  sheet.section(
    '按下级组织',
    ['组织', '配送次数', '发放次数', '人次', '金额(元)'],
    dashboard.byOrg.map((org) => [
      org.orgName,
      org.deliveries,
      org.handouts,
      org.people,
      { fen: org.moneyFen },
    ]),
  );
  sheet.section(
    '按日期',
    ['日期', '配送次数', '发放次数', '人次'],
    dashboard.byDay.map((day) => [day.date, day.deliveries, day.handouts, day.people]),
  );
  sheet.section(
    '工地覆盖',
    ['已通过工地', '已有通过配送的工地', '覆盖率'],
    [[coverage.approvedSites, coverage.coveredSites, percent(coverage.coveredSites, coverage.approvedSites)]],
  );
  sheet.section(
    coverage.uncoveredMore ? `尚未覆盖的工地（前 ${coverage.uncovered.length} 个）` : '尚未覆盖的工地',
    ['工地', '所属组织'],
    coverage.uncovered.map((site) => [site.siteName, site.orgName]),
  );
  sheet.section(
    '志愿者（按配送次数前十）',
    ['志愿者', '配送次数', '人次'],
    dashboard.topVolunteers.map((volunteer) => [volunteer.name, volunteer.deliveries, volunteer.people]),
  );
  return { name: '汇总', widths: [28, 16, 14, 12, 12], headingRows: sheet.headingRows, rows: sheet.rows };
}
