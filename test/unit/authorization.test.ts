import { administers, canManageBranch, canViewBranch, type Caller } from '../../src/domain/authorization'

const branch = { _id: 'b1', ancestorIds: ['root', 'gb1'] }
const caller = (overrides: Partial<Caller>): Caller => ({
  _id: 'm',
  branchId: 'b1',
  groupId: null,
  roles: [],
  adminOrgIds: [],
  ...overrides,
})

describe('branch scopes', () => {
  it.each([
    ['a plain member of the branch', caller({}), false, true],
    ['its secretary', caller({ roles: ['secretary'] }), true, true],
    ['its 组织委员', caller({ roles: ['organization'] }), true, true],
    ['a 党小组长 only', caller({ roles: ['group_leader'] }), false, true],
    ['the secretary of another branch', caller({ branchId: 'b2', roles: ['secretary'] }), false, false],
    ['the admin of its general branch', caller({ branchId: 'b9', adminOrgIds: ['gb1'] }), true, true],
    ['the admin of another general branch', caller({ branchId: 'b9', adminOrgIds: ['gb2'] }), false, false],
    ['the party committee admin', caller({ branchId: 'b9', adminOrgIds: ['root'] }), true, true],
  ])('%s: manage=%s view=%s', (_who, who, manage, view) => {
    expect(canManageBranch(who, branch)).toBe(manage)
    expect(canViewBranch(who, branch)).toBe(view)
  })

  it('lets an admin administer the org itself as well as what is under it', () => {
    expect(administers(caller({ adminOrgIds: ['gb1'] }), { _id: 'gb1', ancestorIds: ['root'] })).toBe(true)
    expect(administers(caller({ adminOrgIds: ['gb1'] }), { _id: 'root', ancestorIds: [] })).toBe(false)
  })
})
