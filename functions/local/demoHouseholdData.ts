import type {
  ConsentDraft,
  Employment,
  HardshipCategory,
  HardshipCause,
  HardshipStatus,
  HouseholdIncome,
  HouseholdMember,
  MemberRelation,
  VisitDraft,
} from '@ankang/shared';

/**
 * The demo's 困难职工 households: fictitious people (names read 示例户·X某某, streets 示例路), in the
 * demo org tree, each with its caseworker and 2–4 visits. Dates are days before the seed day, so
 * the demo looks the same whenever it is seeded.
 */

const DAXIN = '320000/320500/320582/daxin';
const ZJG = '320000/320500/320582';
const SIP = '320000/320500/320571';

/** A visit as the demo records it: `daysAgo` before the seed day, the next one `nextInDays` later. */
export interface DemoVisitSeed
  extends Omit<VisitDraft, 'visitedOn' | 'nextVisitDue' | 'corrects' | 'earners'> {
  daysAgo: number;
  nextInDays: number;
  /** The main earners: relation, employment, changed since the last visit. */
  earners: [MemberRelation, Employment, boolean][];
  /** Index of the earlier visit (of this household) this one corrects. */
  corrects?: number;
  /** A correction is typed a day or so after the visit it corrects. */
  enteredDaysLater?: number;
}

export interface DemoHouseholdSeed {
  orgPath: string;
  /** demoUsers key of the caseworker. */
  caseworker: 'staff-daxin' | 'staff-zjg' | 'staff-sip';
  headName: string;
  /** County code, birth date and sequence of the ID number; the check digit is computed. */
  id: { area: '320582' | '320571'; birth: string; sequence: string };
  phone: string;
  address: string;
  members: HouseholdMember[];
  category: HardshipCategory;
  status: HardshipStatus;
  exitDaysAgo?: number;
  causes: HardshipCause[];
  income: HouseholdIncome;
  consent: Pick<ConsentDraft, 'relation' | 'scopes' | 'method'> & { givenBy: string };
  notes?: string;
  visits: DemoVisitSeed[];
}

/** A visit with no large spending and no housing problem. */
const quiet = (): Pick<DemoVisitSeed, 'largeSpending' | 'housing'> => ({ largeSpending: [], housing: [] });

export const demoHouseholdSeeds: DemoHouseholdSeed[] = [
  {
    orgPath: DAXIN,
    caseworker: 'staff-daxin',
    headName: '示例户·张某某',
    id: { area: '320582', birth: '19760314', sequence: '271' },
    phone: '13800001201',
    address: '大新镇示例路 12 号',
    members: [
      { relation: 'self', name: '张某某', birthYear: 1976, condition: 'serious', employment: 'flexible' },
      { relation: 'spouse', name: '李某某', birthYear: 1978, condition: 'healthy', employment: 'unemployed' },
      { relation: 'child', name: '张小某', birthYear: 2010, condition: 'healthy', employment: 'student' },
      { relation: 'parent', name: '张某', birthYear: 1948, condition: 'chronic', employment: 'retired' },
    ],
    category: 'deep',
    status: 'active',
    causes: ['illness', 'schooling'],
    income: {
      annualIncomeFen: 2_880_000,
      annualFixedSpendingFen: 960_000,
      medicalAccidentCostsFen: 1_500_000,
    },
    consent: { givenBy: '张某某', relation: 'self', scopes: ['filing', 'visits'], method: 'written' },
    notes: '户主患尿毒症，每周透析三次；配偶在家照顾。',
    visits: [
      {
        daysAgo: 170,
        nextInDays: 90,
        mode: 'home',
        annualIncomeFen: 2_880_000,
        annualFixedSpendingFen: 960_000,
        householdSize: 4,
        earners: [
          ['self', 'flexible', false],
          ['spouse', 'unemployed', false],
        ],
        illnessOrAccident: { kind: 'illness', description: '户主尿毒症规律透析', expectedCostFen: 3_600_000 },
        largeSpending: [{ kind: 'medical', amountFen: 1_200_000, note: '透析自付部分' }],
        housing: [],
        risk: 'high',
        notes: '家中收入主要靠户主打零工，透析后体力下降。',
      },
      {
        daysAgo: 80,
        nextInDays: 90,
        mode: 'home',
        annualIncomeFen: 3_480_000,
        annualFixedSpendingFen: 960_000,
        householdSize: 4,
        earners: [
          ['self', 'flexible', false],
          ['spouse', 'flexible', true],
        ],
        largeSpending: [{ kind: 'education', amountFen: 450_000, note: '子女高中学费' }],
        housing: [],
        risk: 'medium',
        notes: '配偶在镇上超市做钟点工。',
      },
      {
        // The income above was typed wrong: 配偶 earns ¥300 a month less. Same visit, corrected.
        daysAgo: 80,
        enteredDaysLater: 1,
        corrects: 1,
        nextInDays: 90,
        mode: 'home',
        annualIncomeFen: 3_120_000,
        annualFixedSpendingFen: 960_000,
        householdSize: 4,
        earners: [
          ['self', 'flexible', false],
          ['spouse', 'flexible', true],
        ],
        largeSpending: [{ kind: 'education', amountFen: 450_000, note: '子女高中学费' }],
        housing: [],
        risk: 'medium',
        notes: '更正：配偶月收入录入有误，已按工资条核对。',
      },
    ],
  },
  {
    orgPath: DAXIN,
    caseworker: 'staff-daxin',
    headName: '示例户·王某某',
    id: { area: '320582', birth: '19830921', sequence: '044' },
    phone: '13800001202',
    address: '大新镇示例路 27 号',
    members: [
      { relation: 'self', name: '王某某', birthYear: 1983, condition: 'disabled', employment: 'unable' },
      { relation: 'child', name: '王小某', birthYear: 2012, condition: 'healthy', employment: 'student' },
      { relation: 'child', name: '王小二', birthYear: 2016, condition: 'healthy', employment: 'student' },
    ],
    category: 'accident',
    status: 'active',
    causes: ['accident'],
    income: {
      annualIncomeFen: 4_200_000,
      annualFixedSpendingFen: 600_000,
      medicalAccidentCostsFen: 3_600_000,
    },
    consent: {
      givenBy: '王某某',
      relation: 'self',
      scopes: ['filing', 'visits', 'verification'],
      method: 'written',
    },
    visits: [
      {
        daysAgo: 120,
        nextInDays: 60,
        mode: 'home',
        annualIncomeFen: 4_200_000,
        annualFixedSpendingFen: 600_000,
        householdSize: 3,
        earners: [['self', 'unable', true]],
        illnessOrAccident: {
          kind: 'accident',
          description: '工地坠落致腰椎骨折',
          expectedCostFen: 8_000_000,
        },
        largeSpending: [{ kind: 'medical', amountFen: 2_600_000, note: '手术及康复' }],
        housing: [],
        risk: 'high',
        notes: '工伤认定办理中，单位已垫付部分医疗费。',
      },
      {
        daysAgo: 25,
        nextInDays: 90,
        mode: 'phone',
        annualIncomeFen: 3_000_000,
        annualFixedSpendingFen: 600_000,
        householdSize: 3,
        earners: [['self', 'unable', false]],
        ...quiet(),
        risk: 'high',
        notes: '电话回访：仍在康复，工伤待遇尚未到位。',
      },
    ],
  },
  {
    orgPath: DAXIN,
    caseworker: 'staff-daxin',
    headName: '示例户·陈某某',
    id: { area: '320582', birth: '19690605', sequence: '153' },
    phone: '13800001203',
    address: '大新镇示例路 5 号',
    members: [
      { relation: 'self', name: '陈某某', birthYear: 1969, condition: 'healthy', employment: 'employed' },
      { relation: 'spouse', name: '吴某某', birthYear: 1971, condition: 'chronic', employment: 'flexible' },
      { relation: 'child', name: '陈小某', birthYear: 2004, condition: 'healthy', employment: 'student' },
    ],
    category: 'relative',
    status: 'exited',
    exitDaysAgo: 40,
    causes: ['unemployment'],
    income: { annualIncomeFen: 5_400_000, annualFixedSpendingFen: 900_000, medicalAccidentCostsFen: 200_000 },
    consent: { givenBy: '陈某某', relation: 'self', scopes: ['filing', 'visits'], method: 'recorded' },
    notes: '户主原企业关停失业，现已在开发区企业重新就业。',
    visits: [
      {
        daysAgo: 300,
        nextInDays: 90,
        mode: 'home',
        annualIncomeFen: 3_000_000,
        annualFixedSpendingFen: 900_000,
        householdSize: 3,
        earners: [
          ['self', 'unemployed', true],
          ['spouse', 'flexible', false],
        ],
        ...quiet(),
        risk: 'medium',
      },
      {
        daysAgo: 210,
        nextInDays: 90,
        mode: 'home',
        annualIncomeFen: 4_800_000,
        annualFixedSpendingFen: 900_000,
        householdSize: 3,
        earners: [
          ['self', 'employed', true],
          ['spouse', 'flexible', false],
        ],
        ...quiet(),
        risk: 'low',
        notes: '户主经工会推荐重新上岗。',
      },
      {
        daysAgo: 120,
        nextInDays: 90,
        mode: 'phone',
        annualIncomeFen: 5_400_000,
        annualFixedSpendingFen: 900_000,
        householdSize: 3,
        earners: [
          ['self', 'employed', false],
          ['spouse', 'flexible', false],
        ],
        ...quiet(),
        risk: 'low',
      },
      {
        daysAgo: 30,
        nextInDays: 180,
        mode: 'home',
        annualIncomeFen: 5_700_000,
        annualFixedSpendingFen: 900_000,
        householdSize: 3,
        earners: [
          ['self', 'employed', false],
          ['spouse', 'employed', true],
        ],
        ...quiet(),
        risk: 'low',
        notes: '收入连续六个月高于低保标准，已脱困，继续跟踪半年。',
      },
    ],
  },
  {
    orgPath: ZJG,
    caseworker: 'staff-zjg',
    headName: '示例户·刘某某',
    id: { area: '320582', birth: '19581102', sequence: '315' },
    phone: '13800001204',
    address: '杨舍镇示例路 88 号',
    members: [
      { relation: 'self', name: '刘某某', birthYear: 1958, condition: 'disabled', employment: 'unable' },
      { relation: 'spouse', name: '赵某某', birthYear: 1960, condition: 'chronic', employment: 'farming' },
    ],
    category: 'deep',
    status: 'active',
    causes: ['disability', 'illness'],
    income: { annualIncomeFen: 1_560_000, annualFixedSpendingFen: 480_000, medicalAccidentCostsFen: 400_000 },
    consent: { givenBy: '赵某某', relation: 'spouse', scopes: ['filing', 'visits'], method: 'written' },
    visits: [
      {
        daysAgo: 200,
        nextInDays: 100,
        mode: 'home',
        annualIncomeFen: 1_560_000,
        annualFixedSpendingFen: 480_000,
        householdSize: 2,
        earners: [['spouse', 'farming', false]],
        largeSpending: [],
        housing: ['dangerous'],
        housingNote: '老宅东墙开裂，雨季漏水',
        risk: 'high',
      },
      {
        // Its next visit was due ten days before the seed day: the demo's overdue file.
        daysAgo: 100,
        nextInDays: 90,
        mode: 'phone',
        annualIncomeFen: 1_620_000,
        annualFixedSpendingFen: 480_000,
        householdSize: 2,
        earners: [['spouse', 'farming', false]],
        largeSpending: [],
        housing: ['dangerous'],
        housingNote: '危房改造已申报，待审批',
        risk: 'high',
        notes: '电话回访，配偶反映慢性病用药费用上涨。',
      },
    ],
  },
  {
    orgPath: ZJG,
    caseworker: 'staff-zjg',
    headName: '示例户·周某某',
    id: { area: '320582', birth: '19880417', sequence: '062' },
    phone: '13800001205',
    address: '杨舍镇示例路 156 号',
    members: [
      { relation: 'self', name: '周某某', birthYear: 1988, condition: 'healthy', employment: 'flexible' },
      { relation: 'child', name: '周小某', birthYear: 2013, condition: 'healthy', employment: 'student' },
      { relation: 'child', name: '周小二', birthYear: 2017, condition: 'chronic', employment: 'student' },
      { relation: 'parent', name: '周某', birthYear: 1955, condition: 'chronic', employment: 'retired' },
    ],
    category: 'relative',
    // Left hardship 345 days ago: its 12-month monitoring window ends about 20 days after the seed day.
    status: 'exited',
    exitDaysAgo: 345,
    causes: ['schooling', 'unemployment'],
    income: {
      annualIncomeFen: 6_000_000,
      annualFixedSpendingFen: 1_200_000,
      medicalAccidentCostsFen: 300_000,
    },
    consent: { givenBy: '周某某', relation: 'self', scopes: ['filing', 'visits'], method: 'written' },
    visits: [
      {
        daysAgo: 150,
        nextInDays: 90,
        mode: 'home',
        annualIncomeFen: 6_000_000,
        annualFixedSpendingFen: 1_200_000,
        householdSize: 4,
        earners: [['self', 'flexible', false]],
        largeSpending: [{ kind: 'education', amountFen: 800_000, note: '两个孩子的学杂费' }],
        housing: ['rentBurden'],
        housingNote: '租住老小区，月租 1800 元',
        risk: 'medium',
      },
      {
        daysAgo: 60,
        nextInDays: 90,
        mode: 'home',
        annualIncomeFen: 6_600_000,
        annualFixedSpendingFen: 1_200_000,
        householdSize: 4,
        earners: [['self', 'employed', true]],
        largeSpending: [],
        housing: ['rentBurden'],
        risk: 'medium',
        notes: '户主已签订劳动合同，收入趋稳。',
      },
    ],
  },
  {
    orgPath: ZJG,
    caseworker: 'staff-zjg',
    headName: '示例户·吴某某',
    id: { area: '320582', birth: '19500708', sequence: '137' },
    phone: '13800001206',
    address: '杨舍镇示例路 203 号',
    members: [
      { relation: 'self', name: '吴某某', birthYear: 1950, condition: 'chronic', employment: 'retired' },
      { relation: 'spouse', name: '孙某某', birthYear: 1952, condition: 'healthy', employment: 'retired' },
    ],
    category: 'relative',
    status: 'closed',
    causes: ['illness'],
    income: { annualIncomeFen: 4_800_000, annualFixedSpendingFen: 600_000, medicalAccidentCostsFen: 500_000 },
    consent: { givenBy: '吴某某', relation: 'self', scopes: ['filing', 'visits'], method: 'written' },
    notes: '子女已将两位老人接去同住，本户监测结束。',
    visits: [
      {
        daysAgo: 330,
        nextInDays: 90,
        mode: 'home',
        annualIncomeFen: 4_200_000,
        annualFixedSpendingFen: 600_000,
        householdSize: 2,
        earners: [],
        illnessOrAccident: {
          kind: 'illness',
          description: '户主心脏搭桥术后复查',
          expectedCostFen: 1_000_000,
        },
        largeSpending: [{ kind: 'medical', amountFen: 900_000 }],
        housing: [],
        risk: 'medium',
      },
      {
        daysAgo: 240,
        nextInDays: 180,
        mode: 'phone',
        annualIncomeFen: 4_800_000,
        annualFixedSpendingFen: 600_000,
        householdSize: 2,
        earners: [],
        ...quiet(),
        risk: 'low',
      },
      {
        daysAgo: 35,
        nextInDays: 330,
        mode: 'home',
        annualIncomeFen: 4_800_000,
        annualFixedSpendingFen: 600_000,
        householdSize: 2,
        earners: [],
        ...quiet(),
        risk: 'low',
        notes: '子女接老人同住，经核实生活有保障。',
      },
    ],
  },
  {
    orgPath: SIP,
    caseworker: 'staff-sip',
    headName: '示例户·孙某某',
    id: { area: '320571', birth: '19800225', sequence: '208' },
    phone: '13800001207',
    address: '园区示例路 9 号',
    members: [
      { relation: 'self', name: '孙某某', birthYear: 1980, condition: 'serious', employment: 'unable' },
      { relation: 'child', name: '孙小某', birthYear: 2008, condition: 'healthy', employment: 'student' },
      { relation: 'child', name: '孙小二', birthYear: 2014, condition: 'healthy', employment: 'student' },
    ],
    category: 'deep',
    status: 'active',
    causes: ['illness'],
    income: {
      annualIncomeFen: 2_400_000,
      annualFixedSpendingFen: 720_000,
      medicalAccidentCostsFen: 1_600_000,
    },
    consent: { givenBy: '孙某某', relation: 'self', scopes: ['filing', 'visits'], method: 'written' },
    visits: [
      {
        daysAgo: 90,
        nextInDays: 60,
        mode: 'home',
        annualIncomeFen: 2_400_000,
        annualFixedSpendingFen: 720_000,
        householdSize: 3,
        earners: [['self', 'unable', true]],
        illnessOrAccident: { kind: 'illness', description: '乳腺癌术后化疗', expectedCostFen: 6_000_000 },
        largeSpending: [{ kind: 'medical', amountFen: 1_800_000, note: '化疗自付' }],
        housing: [],
        risk: 'high',
      },
      {
        daysAgo: 20,
        nextInDays: 60,
        mode: 'phone',
        annualIncomeFen: 2_400_000,
        annualFixedSpendingFen: 720_000,
        householdSize: 3,
        earners: [['self', 'unable', false]],
        illnessOrAccident: {
          kind: 'illness',
          description: '复查发现复发，需再次住院化疗',
          expectedCostFen: 2_200_000,
        },
        largeSpending: [{ kind: 'education', amountFen: 600_000, note: '长子大学学费' }],
        housing: [],
        risk: 'high',
        notes: '已协助申请大病救助和助学金。',
      },
    ],
  },
  {
    orgPath: SIP,
    caseworker: 'staff-sip',
    headName: '示例户·郑某某',
    id: { area: '320571', birth: '19720830', sequence: '095' },
    phone: '13800001208',
    address: '园区示例路 31 号',
    members: [
      { relation: 'self', name: '郑某某', birthYear: 1972, condition: 'healthy', employment: 'employed' },
      { relation: 'spouse', name: '冯某某', birthYear: 1974, condition: 'healthy', employment: 'flexible' },
      { relation: 'parent', name: '郑某', birthYear: 1946, condition: 'disabled', employment: 'unable' },
    ],
    category: 'accident',
    status: 'active',
    causes: ['disaster', 'other'],
    income: { annualIncomeFen: 3_900_000, annualFixedSpendingFen: 900_000, medicalAccidentCostsFen: 500_000 },
    consent: { givenBy: '郑某某', relation: 'self', scopes: ['filing', 'visits'], method: 'recorded' },
    visits: [
      {
        daysAgo: 45,
        nextInDays: 30,
        mode: 'home',
        annualIncomeFen: 3_900_000,
        annualFixedSpendingFen: 900_000,
        householdSize: 3,
        earners: [
          ['self', 'employed', false],
          ['spouse', 'flexible', false],
        ],
        illnessOrAccident: {
          kind: 'disaster',
          description: '暴雨致住房进水受损',
          expectedCostFen: 2_500_000,
        },
        largeSpending: [],
        housing: ['dangerous'],
        housingNote: '一楼进水，墙体受潮',
        risk: 'high',
      },
      {
        daysAgo: 15,
        nextInDays: 45,
        mode: 'home',
        annualIncomeFen: 3_900_000,
        annualFixedSpendingFen: 900_000,
        householdSize: 3,
        earners: [
          ['self', 'unemployed', true],
          ['spouse', 'flexible', false],
        ],
        largeSpending: [{ kind: 'other', amountFen: 1_500_000, note: '房屋维修' }],
        housing: ['dangerous'],
        risk: 'medium',
        notes: '户主所在企业停产，本月起失业；维修已开工，工会送去慰问金。',
      },
    ],
  },
  {
    orgPath: SIP,
    caseworker: 'staff-sip',
    headName: '示例户·何某某',
    id: { area: '320571', birth: '19901212', sequence: '046' },
    phone: '13800001209',
    address: '园区示例路 66 号',
    members: [
      { relation: 'self', name: '何某某', birthYear: 1990, condition: 'healthy', employment: 'employed' },
      { relation: 'child', name: '何小某', birthYear: 2015, condition: 'chronic', employment: 'student' },
    ],
    category: 'relative',
    status: 'active',
    causes: ['schooling'],
    income: { annualIncomeFen: 3_600_000, annualFixedSpendingFen: 600_000, medicalAccidentCostsFen: 200_000 },
    consent: { givenBy: '何某某', relation: 'self', scopes: ['filing', 'visits'], method: 'written' },
    visits: [
      {
        // Above 低保 at every visit since this one, over six months ago: up for a 脱困 review.
        daysAgo: 200,
        nextInDays: 60,
        mode: 'home',
        annualIncomeFen: 3_600_000,
        annualFixedSpendingFen: 600_000,
        householdSize: 2,
        earners: [['self', 'employed', false]],
        largeSpending: [],
        housing: ['rentBurden'],
        risk: 'low',
      },
      {
        daysAgo: 5,
        nextInDays: 85,
        mode: 'phone',
        annualIncomeFen: 3_600_000,
        annualFixedSpendingFen: 600_000,
        householdSize: 2,
        earners: [['self', 'employed', false]],
        largeSpending: [{ kind: 'medical', amountFen: 300_000, note: '孩子哮喘住院' }],
        housing: ['rentBurden'],
        risk: 'medium',
      },
    ],
  },
];

/** The demo 低保 standards: 江苏's floor and 苏州's own (which its counties inherit). */
export const demoPovertyLines = [
  {
    orgPath: '320000',
    orgName: '江苏省总工会',
    setBy: 'staff-js',
    effectiveFrom: '2025-07-01',
    monthlyFen: 103_000,
  },
  {
    orgPath: '320000/320500',
    orgName: '苏州市总工会',
    setBy: 'staff-sz',
    effectiveFrom: '2025-07-01',
    monthlyFen: 109_500,
  },
  {
    orgPath: '320000/320500',
    orgName: '苏州市总工会',
    setBy: 'staff-sz',
    effectiveFrom: '2026-07-01',
    monthlyFen: 114_000,
  },
] as const;
