/**
 * Unit and integration tests, every test with TZ=UTC (see test/global-setup.js). The `sdk` project runs
 * the check-in, activity and compliance integration tests again through the production context:
 * @cloudbase/node-sdk and wx-server-sdk sending their real requests to a local endpoint (see
 * cloud-runtime/tcb-endpoint.ts and test/support/through-sdk.js).
 */
const project = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: { module: 'commonjs', jsx: 'react-jsx', isolatedModules: true } }],
  },
}

module.exports = {
  // A guard against hangs, not a performance target: seeding a runtime takes about 2 s alone and far more on a busy machine.
  testTimeout: 30_000,
  globalSetup: '<rootDir>/test/global-setup.js',
  projects: [
    {
      ...project,
      displayName: 'local',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/weapp/'],
    },
    {
      ...project,
      displayName: 'sdk',
      roots: ['<rootDir>/test/integration'],
      testMatch: ['**/integration/{checkin,activities,compliance}.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/through-sdk.js'],
    },
  ],
}
