import type { Campaign } from '@ankang/shared';

/** A campaign with two kinds and priced items, as staff would set it up. */
export const deliveryKinds: Campaign['kinds'] = [
  {
    code: 'cool',
    name: '送清凉',
    items: [
      { code: 'water', name: '矿泉水', unit: '箱', unitCostFen: 2400 },
      { code: 'herbal', name: '藿香正气水', unit: '盒', unitCostFen: 850 },
      { code: 'towel', name: '毛巾', unit: '条' },
    ],
  },
  {
    code: 'health',
    name: '送健康',
    items: [{ code: 'checkup', name: '健康体检', unit: '人次', unitCostFen: 3000 }],
  },
];
