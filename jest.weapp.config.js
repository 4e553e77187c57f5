/** Journeys on the built mini program (dist/weapp) in the headless host (weapp-host/). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/weapp'],
  testMatch: ['**/*.weapp.test.ts'],
  globalSetup: '<rootDir>/test/global-setup.js',
  testTimeout: 60_000,
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: { module: 'commonjs', jsx: 'react-jsx', isolatedModules: true } }],
  },
}
