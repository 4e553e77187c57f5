import { Db } from '@cloudbase/database'
import { isDuplicateKeyError } from '../../../src/domain/db-errors'
import { openTestDatabase, rejectionOf, type TestDatabase } from './helpers'

let t: TestDatabase

beforeAll(async () => {
  t = await openTestDatabase()
  await t.db.collection('orgs').add({ _id: 'o1', a: 1, b: 2 })
})

afterAll(async () => {
  await t.dispose()
})

describe('what CloudBase would not run is refused, naming it', () => {
  it('query operators', async () => {
    const where = await rejectionOf(t.db.collection('orgs').where({ a: { $where: 'this.a > 0' } }).get())
    const geo = await rejectionOf(
      t.db.collection('orgs').where({ at: t.db.command.geoNear({ geometry: new t.db.Geo.Point(113, 23), maxDistance: 10 }) }).get(),
    )

    expect(where).toMatchObject({ message: 'LocalDatabase: unsupported query operator "$where"', code: 'DATABASE_INVALID_OPERRATOR', errCode: -502002 })
    expect(geo.message).toBe('LocalDatabase: unsupported query operator "$nearSphere"')
  })

  it('update operators', async () => {
    const error = await rejectionOf(t.db.collection('orgs').doc('o1').update({ $currentDate: { at: true } }))

    expect(error.message).toBe('LocalDatabase: unsupported update operator "$currentDate"')
  })

  it('aggregation expression operators', async () => {
    const error = await rejectionOf(t.db.collection('orgs').aggregate().project({ x: { $fooBar: 1 } }).end())

    expect(error.message).toContain('$fooBar')
  })

  it('protocol actions', async () => {
    const Request = Db.reqClass as new (config: unknown) => { send(action: string, params: object): Promise<unknown> }

    const error = await rejectionOf(new Request(t.db.config).send('database.watchDocument', {}))

    expect(error.message).toBe('LocalDatabase: unsupported action "database.watchDocument"')
  })

  it('values the store cannot keep faithfully', async () => {
    const objectId = await rejectionOf(t.db.collection('orgs').add({ ref: t.db.ObjectId({ id: '5f1d7a1f2b3c4d5e6f708192' }) }))
    const regExp = await rejectionOf(t.db.collection('orgs').add({ pattern: /x/ }))

    expect(objectId.message).toBe('LocalDatabase: unsupported value type "ObjectId"')
    expect(regExp.message).toBe('LocalDatabase: regular expressions cannot be stored in documents')
  })

  it('supports db.command.expr with aggregation operators', async () => {
    const $ = t.db.command.aggregate
    const { data } = await t.db.collection('orgs').where(t.db.command.expr($.lt(['$a', '$b']))).get()

    expect(data).toEqual([{ _id: 'o1', a: 1, b: 2 }])
  })
})

describe('isDuplicateKeyError', () => {
  const mongoText = 'E11000 duplicate key error collection: tcb-env.members index: openid_1 dup key: { openid: "wx" }'

  it('recognises the shapes production code meets', () => {
    const fromWxServerSdk = Object.assign(new Error(`collection.add:fail -502001 database request fail. ${mongoText}`), {
      errCode: -502001,
      errMsg: `collection.add:fail -502001 database request fail. ${mongoText}`,
    })
    const fromNodeSdk = Object.assign(new Error(mongoText), { code: 'DATABASE_REQUEST_FAILED' })

    expect(isDuplicateKeyError(fromWxServerSdk)).toBe(true)
    expect(isDuplicateKeyError(fromNodeSdk)).toBe(true)
    expect(isDuplicateKeyError({ errCode: -502001, errMsg: mongoText })).toBe(true)
    expect(isDuplicateKeyError({ code: 11000 })).toBe(true)
  })

  it('says no to anything else', () => {
    expect(isDuplicateKeyError(new Error('collection.add:fail -502001 database request fail. timeout'))).toBe(false)
    expect(isDuplicateKeyError({ errCode: -502005, errMsg: 'collection not exists' })).toBe(false)
    expect(isDuplicateKeyError('E11000 duplicate key')).toBe(false)
    expect(isDuplicateKeyError(null)).toBe(false)
    expect(isDuplicateKeyError(undefined)).toBe(false)
  })
})
