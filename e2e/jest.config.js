/**
 * Browser journeys: one API process with the demo county (global setup), headless Chromium per test file. And the
 * browser itself: which one is picked, and that the npm-shipped one starts and draws Chinese (no API needed).
 */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] };
module.exports = {
  testTimeout: 120000,
  maxWorkers: 1,
  projects: [
    {
      displayName: 'journeys',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/journeys/**/*.e2e.ts'],
      transform,
      globalSetup: '<rootDir>/support/global-setup.ts',
      globalTeardown: '<rootDir>/support/global-teardown.ts',
    },
    {
      displayName: 'browser',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/support/**/*.spec.ts'],
      transform,
    },
  ],
};
