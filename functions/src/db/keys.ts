/**
 * Physical keys are generic (pk/sk, gsi1pk/gsi1sk, gsi2pk/gsi2sk); what they mean lives here.
 * The GSIs are named after the access patterns that use them.
 */
export const indexes = {
  /** gsi1: demo accounts for the development login; later, secondary lookups. */
  byGsi1: 'gsi1',
  byGsi2: 'gsi2',
} as const;

export const keys = {
  user: (userId: string) => ({ pk: `USER#${userId}`, sk: 'PROFILE' }),
  org: (path: string) => ({ pk: 'ORG', sk: path }),
  /** Every org node lives in one partition, sorted by path, so a subtree is one range query. */
  orgs: () => ({ pk: 'ORG' }),
  demoUsers: () => ({ gsi1pk: 'DEMO_USER' }),
};
