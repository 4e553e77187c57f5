import tcb from '@cloudbase/node-sdk'
import { LocalCloud } from '../../cloud-runtime/local-cloud'
import { COLLECTIONS } from '../../src/domain/collections'
import { isDuplicateKeyError } from '../../src/domain/db-errors'
import { TEST_NOW } from '../support/local-cloud'

/** The production context (production.ts) through the real SDKs against the local TcbEndpoint. */
describe('production context through @cloudbase/node-sdk and wx-server-sdk against the local endpoint', () => {
  let cloud: LocalCloud

  beforeAll(async () => {
    cloud = await LocalCloud.start({ dataDir: null, now: () => TEST_NOW, log: () => undefined, through: 'sdk' })
  })
  afterAll(() => cloud.close())
  const actions = () => cloud.endpoint!.requests.map((request) => request.action)

  it('runs database actions as signed requests and answers errors as CloudBase does', async () => {
    const context = cloud.contextFor('someone')
    const orgs = context.db.collection(COLLECTIONS.orgs.name)
    await orgs.add({ _id: 'org-1', name: '党委', parentId: null, ancestorIds: [] })
    expect((await orgs.doc('org-1').get()).data).toEqual([{ _id: 'org-1', name: '党委', parentId: null, ancestorIds: [] }])
    const duplicate = await orgs.add({ _id: 'org-1', name: '又一个' }).catch((error: unknown) => error)
    expect(isDuplicateKeyError(duplicate)).toBe(true)
    expect(actions()).toEqual(expect.arrayContaining(['database.insertDocument', 'database.getDocument']))
  })

  it('refuses a request signed with another key', async () => {
    const forged = tcb.init({ env: 'local-sdk', serviceUrl: cloud.endpoint!.serviceUrl, secretId: 'local-secret-id', secretKey: 'wrong', keepalive: false })
    const refusal = (await forged.database().collection(COLLECTIONS.orgs.name).count().catch((error: unknown) => error)) as { code?: string }
    expect(refusal.code).toBe('SIGN_PARAM_INVALID')
  })

  it('takes the caller only from getWXContext().OPENID', () => {
    expect(cloud.contextFor('oABC').openid).toBe('oABC')
    expect(cloud.contextFor(null).openid).toBeNull()
  })

  it('uploads, links, downloads and deletes files through wx-server-sdk storage', async () => {
    const { storage } = cloud.contextFor('someone')
    const { fileId } = await storage.uploadFile('evidence/b1/a1/photo.jpg', new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]))
    expect(fileId).toBe('cloud://local/evidence/b1/a1/photo.jpg')
    expect([...(await storage.downloadFile(fileId))]).toEqual([0xff, 0xd8, 0xff, 1, 2, 3])
    const link = new URL((await storage.getTempFileUrls([fileId]))[0].url)
    expect(`${link.origin}${link.pathname}`).toBe(`${cloud.endpoint!.origin}/files/evidence/b1/a1/photo.jpg`)
    expect(link.searchParams.get('sign')).toBeTruthy()
    expect((await fetch(link)).status).toBe(200)
    expect((await fetch(`${cloud.endpoint!.origin}/files/evidence/b1/a1/photo.jpg`)).status).toBe(403)
    await storage.deleteFiles([fileId])
    await expect(storage.downloadFile(fileId)).rejects.toThrow()
    expect(actions()).toEqual(expect.arrayContaining(['storage.getUploadMetadata', 'storage.batchGetDownloadUrl', 'storage.batchDeleteFile']))
  })

  it('sends cloud.openapi calls as wx.openApi protobuf requests', async () => {
    const context = cloud.contextFor('oSecretary')
    await context.openapi.sendSubscribeMessage({ touser: 'oMember', templateId: 'tpl', page: 'pages/activity/index?id=a1', data: { thing1: { value: '主题党日' } } })
    const { data } = await context.db.collection(COLLECTIONS.outbox.name).where({ touser: 'oMember' }).get()
    expect(data).toEqual([expect.objectContaining({ kind: 'subscribeMessage', templateId: 'tpl', page: 'pages/activity/index?id=a1', data: { thing1: { value: '主题党日' } } })])
    await expect(context.openapi.getUnlimitedWxacode({ scene: 't=abc', page: 'pages/checkin/index' })).rejects.toMatchObject({ errCode: 41030 })
    cloud.contentSecurity.answerNext('text', 'reject')
    expect(await context.contentSecurity.checkText({ text: '会议记录', openid: 'oSecretary' })).toBe('reject')
    expect(await context.contentSecurity.checkText({ text: '会议记录', openid: 'oSecretary' })).toBe('pass')
    expect(await context.contentSecurity.checkImage({ url: 'https://example.invalid/p.jpg', openid: 'oSecretary' })).toEqual({ state: 'pending', traceId: expect.stringMatching(/^local-trace-/) })
    expect(actions().filter((action) => action === 'wx.openApi')).toHaveLength(5)
  })
})
