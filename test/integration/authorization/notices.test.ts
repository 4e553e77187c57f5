import { describeMatrix } from './matrix'

jest.setTimeout(60_000)
describeMatrix(['messages', 'alerts', 'supervision', 'reports'])
