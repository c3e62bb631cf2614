import { defineConfig } from 'vitest/config';

// One project per test tier; `npm test` runs them one after another so each tier's servers
// and builds have the machine's two cores to themselves.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/support/unit.setup.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/dynamo.global.ts'],
          setupFiles: ['tests/support/dynamo.setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'template',
          include: ['tests/template/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/template/package.global.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'api',
          include: ['tests/api/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/api.global.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'resilience',
          include: ['tests/resilience/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/resilience.global.ts'],
          setupFiles: ['tests/support/resilience.setup.ts'],
          // One file at a time on the tier's own stack: a file compares table snapshots, or stops
          // the database, and another file's requests would blur either.
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'weapp',
          include: ['tests/weapp/**/*.test.ts'],
          environment: 'jsdom',
          globalSetup: ['tests/weapp/build.global.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/stack.global.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
