import { describeMatrix } from './matrix'

jest.setTimeout(60_000)
describeMatrix(['rulesets'])
