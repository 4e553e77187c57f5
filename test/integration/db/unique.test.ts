import { isDuplicateKeyError } from '../../../src/domain/db-errors'
import { openTestDatabase, rejectionOf, type TestDatabase } from './helpers'

let t: TestDatabase

beforeEach(async () => {
  t = await openTestDatabase()
})

afterEach(async () => {
  await t.dispose()
})

function member(id: string, number: string, openid?: string | null) {
  return { _id: id, name: id, number, ...(openid === undefined ? {} : { openid }) }
}

describe('unique indexes', () => {
  it('lets exactly one of 100 concurrent adds with the same key through', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_unused, index) => t.db.collection('members').add(member(`m${index}`, 'S001'))),
    )

    const rejected = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected')
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
    expect(rejected).toHaveLength(99)
    for (const { reason } of rejected) {
      expect(isDuplicateKeyError(reason)).toBe(true)
      expect(reason).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', errCode: -502001 })
      expect(reason.message).toBe('E11000 duplicate key error collection: members index: number_unique dup key: { number: "S001" }')
    }
    expect((await t.db.collection('members').count()).total).toBe(1)
  })

  it('enforces a compound unique index', async () => {
    const row = { activityId: 'a1', memberId: 'm1', branchId: 'b1', state: 'present' }
    await t.db.collection('attendance').add({ _id: 'x', ...row })
    await t.db.collection('attendance').add({ _id: 'y', ...row, memberId: 'm2' })

    const error = await rejectionOf(t.db.collection('attendance').add({ _id: 'z', ...row }))
    const moved = await rejectionOf(t.db.collection('attendance').doc('y').update({ memberId: 'm1' }))

    expect(error.message).toContain('index: activity_member_unique dup key: { activityId: "a1", memberId: "m1" }')
    expect((await t.db.collection('attendance').where({ activityId: 'a1', memberId: 'm2' }).get()).data).toEqual([{ _id: 'y', ...row, memberId: 'm2' }])
    expect(isDuplicateKeyError(moved)).toBe(true)
    expect((await t.db.collection('attendance').doc('y').get()).data[0].memberId).toBe('m2')
  })

  it('treats a null or absent field as unindexed in a sparse unique index (members.openid)', async () => {
    const members = t.db.collection('members')
    await members.add([member('m1', 'S1', null), member('m2', 'S2', null), member('m3', 'S3'), member('m4', 'S4', 'wx-1')])

    expect(isDuplicateKeyError(await rejectionOf(members.add(member('m5', 'S5', 'wx-1'))))).toBe(true)
    expect(isDuplicateKeyError(await rejectionOf(members.doc('m1').update({ openid: 'wx-1' })))).toBe(true)
    expect(isDuplicateKeyError(await rejectionOf(members.doc('m2').set({ name: 'm2', number: 'S2', openid: 'wx-1' })))).toBe(true)

    expect((await members.doc('m4').update({ name: 'renamed', openid: 'wx-1' })).updated).toBe(1)
    await members.doc('m4').update({ openid: null })
    expect((await members.doc('m1').update({ openid: 'wx-1' })).updated).toBe(1)
    expect((await members.where({ openid: 'wx-1' }).get()).data.map((found: { _id: string }) => found._id)).toEqual(['m1'])
  })

  it('refuses a duplicate _id and a batch with an inner duplicate, inserting nothing', async () => {
    await t.db.collection('orgs').add({ _id: 'o1' })

    const sameId = await rejectionOf(t.db.collection('orgs').add({ _id: 'o1' }))
    const batch = await rejectionOf(t.db.collection('members').add([member('m1', 'S1'), member('m2', 'S2'), member('m3', 'S1')]))

    expect(sameId.message).toContain('index: _id_ dup key: { _id: "o1" }')
    expect(isDuplicateKeyError(batch)).toBe(true)
    expect((await t.db.collection('members').count()).total).toBe(0)
  })
})

describe('concurrent updates', () => {
  it('applies 100 concurrent increments exactly', async () => {
    await t.db.collection('orgs').add({ _id: 'counter', value: 0, hits: 0 })
    const _ = t.db.command

    await Promise.all([
      ...Array.from({ length: 100 }, () => t.db.collection('orgs').doc('counter').update({ value: _.inc(1) })),
      ...Array.from({ length: 100 }, () => t.db.collection('orgs').where({ _id: 'counter' }).update({ hits: _.inc(2) })),
    ])

    expect((await t.db.collection('orgs').doc('counter').get()).data[0]).toEqual({ _id: 'counter', value: 100, hits: 200 })
  })
})
