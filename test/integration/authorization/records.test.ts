import { describeMatrix } from './matrix'

jest.setTimeout(60_000)
describeMatrix(['evidence', 'ledger', 'compliance', 'compliance-timer'])
