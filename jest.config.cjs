/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // Built output is tested by loading dist/ files, never collected as modules or tests.
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  testTimeout: 120000,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
};
