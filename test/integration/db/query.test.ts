import { openTestDatabase, type TestDatabase } from './helpers'

let t: TestDatabase

const MEMBERS = [
  { _id: 'm1', name: '张三', number: 'S001', age: 21, branchId: 'b1', roles: ['secretary', 'group_leader'], openid: 'o-1', scores: [{ term: 1, value: 90 }] },
  { _id: 'm2', name: '李四', number: 'S002', age: 35, branchId: 'b1', roles: [], openid: null, scores: [{ term: 1, value: 60 }, { term: 2, value: 75 }] },
  { _id: 'm3', name: '王五', number: 'T003', age: 48, branchId: 'b2', roles: ['publicity'], openid: 'o-3', scores: [] },
  { _id: 'm4', name: 'Zhao Liu', number: 'T004', age: 60, branchId: 'b2', roles: ['secretary'], scores: [{ term: 2, value: 88 }] },
  { _id: 'm5', name: 'zhang wei', number: 'R005', age: 70, branchId: 'b3', roles: ['organization', 'publicity', 'discipline'], openid: null },
]

beforeAll(async () => {
  t = await openTestDatabase()
  await t.db.collection('members').add(MEMBERS)
})

afterAll(async () => {
  await t.dispose()
})

async function idsWhere(query: Record<string, unknown>): Promise<string[]> {
  const { data } = await t.db.collection('members').where(query).get()
  return data.map((member: { _id: string }) => member._id).sort()
}

describe('db.command query operators (MongoDB semantics)', () => {
  it('compares with eq, neq, gt, gte, lt, lte', async () => {
    const _ = t.db.command
    expect(await idsWhere({ age: _.eq(35) })).toEqual(['m2'])
    expect(await idsWhere({ age: _.neq(35) })).toEqual(['m1', 'm3', 'm4', 'm5'])
    expect(await idsWhere({ age: _.gt(48) })).toEqual(['m4', 'm5'])
    expect(await idsWhere({ age: _.gte(48) })).toEqual(['m3', 'm4', 'm5'])
    expect(await idsWhere({ age: _.lt(35) })).toEqual(['m1'])
    expect(await idsWhere({ age: _.lte(35) })).toEqual(['m1', 'm2'])
    // Type bracketing: a number bound never matches strings.
    expect(await idsWhere({ number: _.gt(0) })).toEqual([])
  })

  it('matches in and nin, also against array fields', async () => {
    const _ = t.db.command
    expect(await idsWhere({ branchId: _.in(['b1', 'b3']) })).toEqual(['m1', 'm2', 'm5'])
    expect(await idsWhere({ branchId: _.nin(['b1', 'b3']) })).toEqual(['m3', 'm4'])
    expect(await idsWhere({ roles: _.in(['publicity']) })).toEqual(['m3', 'm5'])
    expect(await idsWhere({ roles: 'secretary' })).toEqual(['m1', 'm4'])
  })

  it('treats null as null-or-absent and exists as presence', async () => {
    const _ = t.db.command
    expect(await idsWhere({ openid: null })).toEqual(['m2', 'm4', 'm5'])
    expect(await idsWhere({ openid: _.exists(false) })).toEqual(['m4'])
    expect(await idsWhere({ openid: _.exists(true) })).toEqual(['m1', 'm2', 'm3', 'm5'])
    expect(await idsWhere({ openid: _.neq(null) })).toEqual(['m1', 'm3'])
  })

  it('combines with and, or, nor, not', async () => {
    const _ = t.db.command
    expect(await idsWhere({ age: _.gt(30).and(_.lt(60)) })).toEqual(['m2', 'm3'])
    expect(await idsWhere({ age: _.lt(25).or(_.gt(65)) })).toEqual(['m1', 'm5'])
    expect(await idsWhere(_.or([{ branchId: 'b3' }, { age: _.lte(21) }]) as unknown as Record<string, unknown>)).toEqual(['m1', 'm5'])
    expect(await idsWhere(_.and([{ branchId: 'b1' }, { age: _.gte(30) }]) as unknown as Record<string, unknown>)).toEqual(['m2'])
    expect(await idsWhere(_.nor([{ branchId: 'b1' }, { age: _.gte(60) }]) as unknown as Record<string, unknown>)).toEqual(['m3'])
    expect(await idsWhere({ age: _.not(_.gt(40)) })).toEqual(['m1', 'm2'])
    expect(await idsWhere({ branchId: 'b2', age: _.gte(50) })).toEqual(['m4'])
  })

  it('matches arrays with size, all, elemMatch', async () => {
    const _ = t.db.command
    expect(await idsWhere({ roles: _.size(0) })).toEqual(['m2'])
    expect(await idsWhere({ roles: _.all(['secretary', 'group_leader']) })).toEqual(['m1'])
    expect(await idsWhere({ scores: _.elemMatch({ term: 2, value: _.gt(80) }) })).toEqual(['m4'])
    // Without elemMatch the conditions may hold on different elements.
    expect(await idsWhere({ 'scores.term': 2, 'scores.value': _.lt(70) })).toEqual(['m2'])
  })

  it('computes mod', async () => {
    // The SDK's typings declare mod() without parameters; it reads (divisor, remainder) from `arguments`.
    const mod = t.db.command.mod as unknown as (divisor: number, remainder: number) => unknown
    expect(await idsWhere({ age: mod(10, 0) })).toEqual(['m4', 'm5'])
    expect(await idsWhere({ age: mod(7, 0) })).toEqual(['m1', 'm2', 'm5'])
  })

  it('matches regular expressions from db.RegExp and JS RegExp', async () => {
    expect(await idsWhere({ name: t.db.RegExp({ regexp: '^zha', options: 'i' }) })).toEqual(['m4', 'm5'])
    expect(await idsWhere({ number: /^S00\d$/ })).toEqual(['m1', 'm2'])
    expect(await idsWhere({ name: t.db.command.not(/张|李/) })).toEqual(['m3', 'm4', 'm5'])
  })

  it('queries nested fields with a dotted path, or an object the SDK flattens into one', async () => {
    expect(await idsWhere({ 'scores.value': 90 })).toEqual(['m1'])
    expect(await idsWhere({ scores: { term: 2 } })).toEqual(['m2', 'm4'])
  })

  it('uses the same semantics for count and for indexed lookups', async () => {
    const _ = t.db.command
    expect((await t.db.collection('members').where({ branchId: _.in(['b1', 'b2']), age: _.gte(35) }).count()).total).toBe(3)
    expect(await idsWhere({ _id: _.in(['m1', 'm9', 'm3']) })).toEqual(['m1', 'm3'])
    expect(await idsWhere({ number: 'S002', branchId: 'b2' })).toEqual([])
  })
})
