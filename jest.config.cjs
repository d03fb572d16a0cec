/** Jest: swc transform (fast, no type-check — `npm run typecheck` does that), one Temporal dev server per run. */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj|cj)sx?$': ['@swc/jest'] },
  // ESM-only or import()-using packages are transformed so they run in jest's CommonJS sandbox.
  transformIgnorePatterns: ['/node_modules/(?!(@marcbachmann/cel-js|@electric-sql/pglite)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/data/', '/.tools/', '/designer/'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
};
