import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { FUNCTIONS } from '../../../cloudfunctions/manifest'
import { desiredState } from '../../../scripts/deploy/desired'
import { formatPlan, planOf } from '../../../scripts/deploy/plan'
import { ALL_COLLECTIONS } from '../../../src/domain/collections'
import { CONTRACTS } from '../../../src/domain/contracts'

const plan = planOf(desiredState())
const targets = (kind: string) => plan.filter((entry) => entry.kind === kind).map((entry) => entry.target).sort()

/** Function folders on disk, independent of the manifest. */
const functionFolders = readdirSync(path.resolve(__dirname, '../../../cloudfunctions'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.resolve(__dirname, '../../../cloudfunctions', entry.name, 'index.ts')))
  .map((entry) => entry.name)
  .sort()

describe('deploy plan (--dry-run)', () => {
  it('creates exactly the declared collections, each closed to clients', () => {
    const names = ALL_COLLECTIONS.map((collection) => collection.name).sort()
    expect(targets('collection')).toEqual(names)
    expect(targets('rule')).toEqual(names)
    expect(plan.filter((entry) => entry.kind === 'rule').every((entry) => entry.detail === '{"read":false,"write":false}')).toBe(true)
  })

  it('creates exactly the declared indexes, unique and sparse ones as declared', () => {
    const declared = ALL_COLLECTIONS.flatMap((collection) => collection.indexes.map((index) => `${collection.name}.${index.name}`)).sort()
    expect(targets('index')).toEqual(declared)
    expect(plan.find((entry) => entry.target === 'members.openid_unique')?.detail).toBe('openid 升序，唯一，稀疏')
    expect(plan.find((entry) => entry.target === 'attendance.activity_member_unique')?.detail).toBe('activityId 升序, memberId 升序，唯一')
  })

  it('deploys every function folder, one per contract plus the timer-only ones', () => {
    expect(targets('function')).toEqual(functionFolders)
    expect(functionFolders).toEqual(expect.arrayContaining(Object.keys(CONTRACTS)))
  })

  it('sets every declared trigger and environment variable', () => {
    expect(targets('trigger')).toEqual(FUNCTIONS.flatMap((fn) => fn.triggers.map((trigger) => `${fn.name}.${trigger.name}`)).sort())
    expect(targets('variable')).toEqual(FUNCTIONS.flatMap((fn) => fn.environment.map((variable) => `${fn.name}.${variable.name}`)).sort())
    expect(targets('variable')).toContain('checkin.CHECKIN_TOKEN_SECRET')
  })

  it('prints the storage rule and the manual steps', () => {
    const text = formatPlan(desiredState())
    expect(text).toContain('云存储：权限 PRIVATE')
    expect(text).toContain('云函数 checkin 的开放接口权限 wxacode.getUnlimited')
    expect(text).toContain('wxa_media_check')
  })
})
