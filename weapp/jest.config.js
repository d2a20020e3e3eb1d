// The weapp build (npm run build:weapp; Nx builds it first) under WeChat's tools: render smoke tests in jsdom
// (miniprogram-simulate) and the toolchain check fed broken copies of the build. The build's own files are run
// as they are, never transformed.
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'weapp',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
  transformIgnorePatterns: ['/node_modules/', '/dist/'],
  // The toolchain check compiles the whole build with miniprogram-ci (a minute or more on a busy 2-core machine).
  testTimeout: 180000,
  // The toolchain check (one file, compiles in turn) beside the render tests.
  maxWorkers: '100%',
};
