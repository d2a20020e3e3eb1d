/** Two tiers: unit specs beside the code, e2e specs in test/ against configureApp() on a real database. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^@wuye/contracts$': '<rootDir>/../../libs/contracts/src/index.ts' },
};
module.exports = {
  // testTimeout is global in jest (not per project); the production specs raise their own with jest.setTimeout.
  testTimeout: 60000,
  // Every core: each test file has its own database and loopback ports, and one worker leaves a 2-core CI half idle.
  maxWorkers: '100%',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['<rootDir>/test/production/'],
    },
    {
      // Real processes against private MariaDB and Redis servers the tests start: outages, replicas, SIGTERM, fuzz.
      ...common,
      displayName: 'production',
      testMatch: ['<rootDir>/test/production/**/*.e2e-spec.ts'],
    },
  ],
};
