/* global jest */
// The `sdk` jest project: startSeededCloud() builds its contexts with the production database path.
process.env.TEST_CLOUD_THROUGH = 'sdk'
// Every query is a signed HTTP request there: seeding and the 200-member burst take seconds, not milliseconds.
jest.setTimeout(60_000)
