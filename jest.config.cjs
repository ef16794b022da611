// Test tiers as jest projects (docs/testing.md). `npm test` runs all; `npm test -- --selectProjects unit`
// runs one.

// Files in server/, addon/ and browser/ that need no database, server process or browser.
const NEEDS_NOTHING = [
  'server/data-dir-lock',
  'server/file-decoding',
  'server/json-pieces',
  'server/csv-download',
  'server/copy-out-stream',
  'addon/sheet-setup',
  'addon/parcel-edits',
];
const needsNothing = NEEDS_NOTHING.map((file) => `<rootDir>/test/${file}\\.test\\.ts$`);

/** @returns {import('jest').Config} */
function tier(displayName, testTimeoutMs, { testMatch, testPathIgnorePatterns, globalSetup }) {
  return {
    displayName,
    rootDir: __dirname,
    testEnvironment: 'node',
    transform: {
      '^.+\\.(t|j)sx?$': [
        '@swc/jest',
        { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
      ],
    },
    testMatch,
    testPathIgnorePatterns: ['/node_modules/', ...testPathIgnorePatterns],
    // Built output is tested by loading dist/ files, never collected as modules or tests.
    modulePathIgnorePatterns: ['<rootDir>/dist/'],
    ...(globalSetup ? { globalSetup: '<rootDir>/test/support/global-setup.ts' } : {}),
    // jest 30 ignores `testTimeout` inside a project: test/support/tier-timeout.ts applies this one.
    globals: { CROSSDOCK_TEST_TIMEOUT_MS: testTimeoutMs },
    setupFilesAfterEnv: ['<rootDir>/test/support/tier-timeout.ts'],
  };
}

const MINUTE = 60_000;

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    // Per-test limits only name a hung test; they are far above any slow run (CI's overall limit is
    // CROSSDOCK_TEST_TIME_LIMIT in scripts/test.mjs), so a slow machine never fails a test.
    tier('unit', 10 * MINUTE, {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // Everything else, so a test in a new folder still runs somewhere.
      testPathIgnorePatterns: [`<rootDir>/test/(?!(${NEEDS_NOTHING.join('|')})\\.test\\.ts$)(server|addon|browser)/`],
    }),
    tier('database', 30 * MINUTE, {
      testMatch: ['<rootDir>/test/server/**/*.test.ts'],
      testPathIgnorePatterns: needsNothing,
      globalSetup: true,
    }),
    tier('e2e', 30 * MINUTE, {
      testMatch: ['<rootDir>/test/addon/**/*.test.ts', '<rootDir>/test/browser/**/*.test.ts'],
      testPathIgnorePatterns: needsNothing,
      globalSetup: true,
    }),
  ],
};
