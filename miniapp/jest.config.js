// Component and service tests run in jsdom with small hand-written stand-ins for Taro (test/stubs): Taro's own
// test utilities do not support Taro 4; nor can jsdom draw ECharts (test/stubs/echarts.ts records instead).
// Contracts are compiled from source, as in the Taro build.
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'miniapp',
  rootDir: __dirname,
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
  testEnvironment: 'jsdom',
  // Every core (jest's default leaves one for itself, half of a 2-core CI).
  maxWorkers: '100%',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
      },
    ],
  },
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/stubs/taro.ts',
    '^@tarojs/components$': '<rootDir>/test/stubs/components.tsx',
    '^@wuye/contracts$': '<rootDir>/../libs/contracts/src/index.ts',
    '\\.(css|scss)$': '<rootDir>/test/stubs/style.ts',
    // ECharts needs a canvas jsdom does not have: a recording stand-in (the journeys check the real charts).
    '^echarts/(core|charts|components|renderers)$': '<rootDir>/test/stubs/echarts.ts',
  },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  resetMocks: true,
  restoreMocks: true,
};
