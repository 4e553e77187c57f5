import { FIXED_NOW, openTestDatabase, rejectionOf, type TestDatabase, type Transaction } from './helpers'

let t: TestDatabase

beforeEach(async () => {
  t = await openTestDatabase()
})

afterEach(async () => {
  await t.dispose()
})

describe('add', () => {
  it('generates a 32-hex _id when none is given and keeps a given one', async () => {
    const generated = await t.db.collection('orgs').add({ name: '党委' })
    const given = await t.db.collection('orgs').add({ _id: 'org-1', name: '支部' })

    expect(generated.id).toMatch(/^[0-9a-f]{32}$/)
    expect(given.id).toBe('org-1')
    expect((await t.db.collection('orgs').doc('org-1').get()).data).toEqual([{ _id: 'org-1', name: '支部' }])
  })

  it('adds an array of documents in one call', async () => {
    const result = await t.db.collection('orgs').add([{ _id: 'a', n: 1 }, { _id: 'b', n: 2 }])

    expect(result.ids).toEqual(['a', 'b'])
    expect((await t.db.collection('orgs').count()).total).toBe(2)
  })

  it('round-trips Dates, nested objects, arrays, null and numbers', async () => {
    const document = {
      _id: 'd1',
      joinedAt: new Date('2019-07-01T00:00:00.000Z'),
      nested: { list: [1, 2.5, 'x', null, { at: new Date(0) }], flag: true },
      big: 2 ** 40,
      nothing: null,
    }
    await t.db.collection('orgs').add(document)

    const [stored] = (await t.db.collection('orgs').doc('d1').get()).data
    expect(stored).toEqual(document)
    expect(stored.joinedAt).toBeInstanceOf(Date)
    expect(stored.nested.list[4].at).toBeInstanceOf(Date)
  })

  it('stores serverDate() as the injected clock, with its offset', async () => {
    await t.db.collection('orgs').add({ _id: 's', at: t.db.serverDate(), later: t.db.serverDate({ offset: 60_000 }) })
    const otherClock = t.database.createDb({ now: () => new Date('2030-01-01T00:00:00.000Z') })
    await otherClock.collection('orgs').add({ _id: 'o', at: otherClock.serverDate() })

    const [stored] = (await t.db.collection('orgs').doc('s').get()).data
    expect(stored.at).toEqual(FIXED_NOW)
    expect(stored.later).toEqual(new Date(FIXED_NOW.getTime() + 60_000))
    expect((await t.db.collection('orgs').doc('o').get()).data[0].at).toEqual(new Date('2030-01-01T00:00:00.000Z'))
  })

})

describe('writes to a collection that was never created', () => {
  const notCreated = { code: 'DATABASE_COLLECTION_NOT_EXIST', errCode: -502005 }

  it('are refused like CloudBase refuses them: add, set, update, remove and transaction writes', async () => {
    const notes = t.db.collection('scratch_notes')
    expect(await rejectionOf(notes.add({ _id: 'n', text: 'hi' }))).toMatchObject(notCreated)
    expect(await rejectionOf(notes.doc('n').set({ text: 'hi' }))).toMatchObject(notCreated)
    expect(await rejectionOf(notes.doc('n').update({ text: 'hi' }))).toMatchObject(notCreated)
    expect(await rejectionOf(notes.where({ text: 'hi' }).update({ text: 'ho' }))).toMatchObject(notCreated)
    expect(await rejectionOf(notes.where({ text: 'hi' }).remove())).toMatchObject(notCreated)
    const inTransaction = t.db.runTransaction(async (tx: Transaction) => {
      await tx.collection('orgs').add({ _id: 'before', name: '先写入的' })
      await tx.collection('scratch_notes').add({ _id: 'n', text: 'hi' })
    })
    expect(await rejectionOf(inTransaction)).toMatchObject(notCreated)

    expect(await rejectionOf(notes.get())).toMatchObject(notCreated)
    expect((await t.db.collection('orgs').count()).total).toBe(0)
  })

  it('are accepted once createCollection made the collection', async () => {
    await t.db.createCollection('scratch_notes')
    await t.db.collection('scratch_notes').add({ _id: 'n', text: 'hi' })

    expect((await t.db.collection('scratch_notes').get()).data).toEqual([{ _id: 'n', text: 'hi' }])
  })
})

describe('doc(id)', () => {
  beforeEach(async () => {
    await t.db.collection('orgs').add({ _id: 'o1', name: 'A', parentId: null, sortOrder: 1, tags: ['x'] })
  })

  it('get answers an array with the document, or an empty one', async () => {
    expect((await t.db.collection('orgs').doc('o1').get()).data).toEqual([{ _id: 'o1', name: 'A', parentId: null, sortOrder: 1, tags: ['x'] }])
    expect((await t.db.collection('orgs').doc('missing').get()).data).toEqual([])
  })

  it('get with field() projects', async () => {
    expect((await t.db.collection('orgs').doc('o1').field({ name: true }).get()).data).toEqual([{ _id: 'o1', name: 'A' }])
  })

  it('update merges and counts modified documents (MongoDB nModified)', async () => {
    expect((await t.db.collection('orgs').doc('o1').update({ name: 'B', updatedAt: t.db.serverDate() })).updated).toBe(1)
    expect((await t.db.collection('orgs').doc('o1').update({ name: 'B' })).updated).toBe(0)
    expect((await t.db.collection('orgs').doc('missing').update({ name: 'B' })).updated).toBe(0)

    expect((await t.db.collection('orgs').doc('o1').get()).data[0]).toEqual({
      _id: 'o1', name: 'B', parentId: null, sortOrder: 1, tags: ['x'], updatedAt: FIXED_NOW,
    })
  })

  it('set replaces an existing document and creates a missing one', async () => {
    const replaced = await t.db.collection('orgs').doc('o1').set({ name: 'Replaced' })
    const created = await t.db.collection('orgs').doc('o2').set({ name: 'New' })

    expect(replaced).toMatchObject({ updated: 1 })
    expect(replaced.upsertedId).toBeUndefined()
    expect(created).toMatchObject({ updated: 0, upsertedId: 'o2' })
    expect((await t.db.collection('orgs').doc('o1').get()).data).toEqual([{ _id: 'o1', name: 'Replaced' }])
    expect((await t.db.collection('orgs').doc('o2').get()).data).toEqual([{ _id: 'o2', name: 'New' }])
  })

  it('remove deletes once', async () => {
    expect((await t.db.collection('orgs').doc('o1').remove()).deleted).toBe(1)
    expect((await t.db.collection('orgs').doc('o1').remove()).deleted).toBe(0)
    expect((await t.db.collection('orgs').count()).total).toBe(0)
  })
})

describe('update operators', () => {
  it('applies every db.command update operator with MongoDB semantics', async () => {
    const _ = t.db.command
    await t.db.collection('orgs').add({
      _id: 'u',
      count: 1, price: 2, obsolete: true, low: 5, high: 5, oldName: 'x',
      pushed: [1], front: [2], popped: [1, 2, 3], shifted: [1, 2, 3],
      pulled: [1, 5, 9], pulledAll: ['a', 'b', 'a', 'c'], set: ['a'],
      nested: { keep: 1 },
    })

    await t.db.collection('orgs').doc('u').update({
      count: _.inc(2),
      price: _.mul(3),
      obsolete: _.remove(),
      low: _.min(3),
      high: _.max(9),
      oldName: _.rename('newName'),
      pushed: _.push({ each: [2, 3, 4], slice: -3 }),
      front: _.unshift([0, 1]),
      popped: _.pop(),
      shifted: _.shift(),
      pulled: _.pull(_.gt(4)),
      pulledAll: _.pullAll(['a']),
      set: _.addToSet({ $each: ['a', 'b'] }),
      nested: { added: 2 },
      'deep.path': 'made',
    })

    expect((await t.db.collection('orgs').doc('u').get()).data[0]).toEqual({
      _id: 'u',
      count: 3, price: 6, low: 3, high: 9, newName: 'x',
      pushed: [2, 3, 4], front: [0, 1, 2], popped: [1, 2], shifted: [2, 3],
      pulled: [1], pulledAll: ['b', 'c'], set: ['a', 'b'],
      nested: { keep: 1, added: 2 },
      deep: { path: 'made' },
    })
  })

  it('refuses an array operator on a non-array field, as MongoDB does', async () => {
    await t.db.collection('orgs').add({ _id: 'u', count: 1 })

    const error = await rejectionOf(t.db.collection('orgs').doc('u').update({ count: t.db.command.push([2]) }))

    expect(error.message).toContain('$push needs an array')
  })

  it('updateAndReturn answers the updated document', async () => {
    await t.db.collection('orgs').add({ _id: 'u', count: 1 })

    const result = await t.db.collection('orgs').where({ _id: 'u' }).updateAndReturn({ count: t.db.command.inc(1) })

    expect(result).toMatchObject({ updated: 1, doc: { _id: 'u', count: 2 } })
  })
})

describe('where()', () => {
  beforeEach(async () => {
    await t.db.collection('orgs').add(
      Array.from({ length: 5 }, (_unused, index) => ({ _id: `o${index}`, kind: index % 2 === 0 ? 'branch' : 'group', sortOrder: index })),
    )
  })

  it('update and remove act on every matching document', async () => {
    expect((await t.db.collection('orgs').where({ kind: 'branch' }).update({ flagged: true })).updated).toBe(3)
    expect((await t.db.collection('orgs').where({ flagged: true }).count()).total).toBe(3)
    expect((await t.db.collection('orgs').where({ kind: 'group' }).remove()).deleted).toBe(2)
    expect((await t.db.collection('orgs').count()).total).toBe(3)
  })

  it('orders, skips, limits and projects', async () => {
    const { data } = await t.db
      .collection('orgs')
      .where({ sortOrder: t.db.command.gte(0) })
      .orderBy('kind', 'asc')
      .orderBy('sortOrder', 'desc')
      .skip(1)
      .limit(3)
      .field({ sortOrder: true, _id: false })
      .get()

    expect(data).toEqual([{ sortOrder: 2 }, { sortOrder: 0 }, { sortOrder: 3 }])
  })

  it('answers at most 100 documents without limit() and at most 1000 with one', async () => {
    await t.db.collection('study_records').add(Array.from({ length: 1100 }, (_unused, index) => ({ index })))

    expect((await t.db.collection('study_records').get()).data).toHaveLength(100)
    expect((await t.db.collection('study_records').limit(5000).get()).data).toHaveLength(1000)
    expect((await t.db.collection('study_records').count()).total).toBe(1100)
  })

  it('compares with serverDate() in a query', async () => {
    await t.db.collection('activities').add([
      { _id: 'past', startAt: new Date(FIXED_NOW.getTime() - 1) },
      { _id: 'future', startAt: new Date(FIXED_NOW.getTime() + 1) },
    ])

    const { data } = await t.db.collection('activities').where({ startAt: t.db.command.lte(t.db.serverDate()) }).get()

    expect(data.map((activity: { _id: string }) => activity._id)).toEqual(['past'])
  })
})

describe('collections', () => {
  it('createCollection creates once; reading an unknown collection fails like CloudBase', async () => {
    await t.db.createCollection('logs')

    expect((await t.db.collection('logs').get()).data).toEqual([])
    expect(await rejectionOf(t.db.createCollection('logs'))).toMatchObject({ code: 'DATABASE_COLLECTION_ALREADY_EXIST' })
    expect(await rejectionOf(t.db.collection('membres').get())).toMatchObject({
      code: 'DATABASE_COLLECTION_NOT_EXIST',
      errCode: -502005,
    })
  })
})
