import { openTestDatabase, rejectionOf, type TestDatabase } from './helpers'

let t: TestDatabase

const ATTENDANCE = [
  { _id: 'a1_m1', activityId: 'a1', memberId: 'm1', branchId: 'b1', state: 'present', minutes: 90 },
  { _id: 'a1_m2', activityId: 'a1', memberId: 'm2', branchId: 'b1', state: 'late', minutes: 60 },
  { _id: 'a1_m3', activityId: 'a1', memberId: 'm3', branchId: 'b1', state: 'absent', minutes: 0 },
  { _id: 'a2_m1', activityId: 'a2', memberId: 'm1', branchId: 'b1', state: 'present', minutes: 120 },
  { _id: 'a2_m2', activityId: 'a2', memberId: 'm2', branchId: 'b1', state: 'present', minutes: 120 },
  { _id: 'a3_m4', activityId: 'a3', memberId: 'm4', branchId: 'b2', state: 'leave', minutes: 0 },
]
const MEMBERS = [
  { _id: 'm1', number: 'S1', name: '张三', tags: ['a', 'b'] },
  { _id: 'm2', number: 'S2', name: '李四', tags: ['c'] },
  { _id: 'm3', number: 'S3', name: '王五', tags: [] },
]

beforeAll(async () => {
  t = await openTestDatabase()
  await t.db.collection('attendance').add(ATTENDANCE)
  await t.db.collection('members').add(MEMBERS)
})

afterAll(async () => {
  await t.dispose()
})

describe('aggregate', () => {
  it('matches, groups and sorts', async () => {
    const $ = t.db.command.aggregate
    const { data } = await t.db
      .collection('attendance')
      .aggregate()
      .match({ branchId: 'b1', minutes: t.db.command.gte(0) })
      .group({ _id: '$state', count: $.sum(1), minutes: $.sum('$minutes'), average: $.avg('$minutes') })
      .sort({ count: -1, _id: 1 })
      .end()

    expect(data).toEqual([
      { _id: 'present', count: 3, minutes: 330, average: 110 },
      { _id: 'absent', count: 1, minutes: 0, average: 0 },
      { _id: 'late', count: 1, minutes: 60, average: 60 },
    ])
  })

  it('projects, adds fields, skips, limits and counts', async () => {
    const $ = t.db.command.aggregate
    const projected = await t.db
      .collection('attendance')
      .aggregate()
      .sort({ _id: 1 })
      .skip(1)
      .limit(2)
      .addFields({ hours: $.divide(['$minutes', 60]) })
      .project({ _id: 0, memberId: 1, hours: 1 })
      .end()
    const counted = await t.db.collection('attendance').aggregate().match({ state: 'present' }).count('n').end()

    expect(projected.data).toEqual([{ memberId: 'm2', hours: 1 }, { memberId: 'm3', hours: 0 }])
    expect(counted.data).toEqual([{ n: 3 }])
  })

  it('looks up and unwinds without touching the stored documents', async () => {
    const { data } = await t.db
      .collection('attendance')
      .aggregate()
      .match({ activityId: 'a1' })
      .lookup({ from: 'members', localField: 'memberId', foreignField: '_id', as: 'member' })
      .unwind('$member')
      .unwind('$member.tags')
      .addFields({ 'member.seen': true })
      .project({ _id: 1, name: '$member.name', tag: '$member.tags' })
      .sort({ _id: 1, tag: 1 })
      .end()

    expect(data).toEqual([
      { _id: 'a1_m1', name: '张三', tag: 'a' },
      { _id: 'a1_m1', name: '张三', tag: 'b' },
      { _id: 'a1_m2', name: '李四', tag: 'c' },
    ])
    expect((await t.db.collection('members').orderBy('_id', 'asc').get()).data).toEqual(MEMBERS)
    expect((await t.db.collection('attendance').orderBy('_id', 'asc').get()).data).toEqual(ATTENDANCE)
  })

  it('answers at most 20 documents without a limit stage, like CloudBase', async () => {
    await t.db.collection('study_records').add(Array.from({ length: 30 }, (_unused, index) => ({ index })))

    const unlimited = await t.db.collection('study_records').aggregate().sort({ index: 1 }).end()
    const limited = await t.db.collection('study_records').aggregate().sort({ index: 1 }).limit(100).end()

    expect(unlimited.data).toHaveLength(20)
    expect(limited.data).toHaveLength(30)
  })

  it('refuses a stage CloudBase does not run here, naming it', async () => {
    const error = await rejectionOf(
      t.db.collection('attendance').aggregate().geoNear({ near: new t.db.Geo.Point(113, 23), spherical: true, distanceField: 'd' }).end(),
    )

    expect(error.message).toBe('LocalDatabase: unsupported aggregation stage "$geoNear"')
  })
})
