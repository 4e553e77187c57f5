import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { LocalCloud } from '../../cloud-runtime/local-cloud'
import { startServer, type RunningServer } from '../../cloud-runtime/server'
import { TEMP_URL_TTL_MS } from '../../cloud-runtime/storage'
import { TEST_NOW } from '../support/local-cloud'

const ALICE = 'wx-alice'
const BOB = 'wx-bob'
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])

let dataDir: string
let cloud: LocalCloud
let server: RunningServer
let offsetMs = 0
const now = () => new Date(TEST_NOW.getTime() + offsetMs)

async function start(): Promise<void> {
  cloud = await LocalCloud.start({ dataDir, now, log: () => undefined })
  server = await startServer({ cloud, h5Dir: null, port: 0 })
}

async function stop(): Promise<void> {
  await server.close()
  await cloud.close()
}

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'zbt-storage-test-'))
  offsetMs = 0
  await start()
})

afterEach(async () => {
  await stop()
  rmSync(dataDir, { recursive: true, force: true })
})

function upload(cloudPath: string, bytes: Uint8Array<ArrayBuffer>, openid: string | null) {
  const form = new FormData()
  form.set('cloudPath', cloudPath)
  form.set('file', new Blob([bytes]), path.posix.basename(cloudPath))
  return fetch(`${server.url}/api/upload`, { method: 'POST', body: form, headers: openid ? { 'x-dev-openid': openid } : {} })
}

async function tempUrlOf(fileId: string): Promise<string> {
  const [{ url }] = await cloud.storage.getTempFileUrls([fileId])
  return `${server.url}${url}`
}

describe('/api/upload, as CloudBase storage with the rule 仅创建者可读写 seen from the mini program', () => {
  it('refuses an upload without a WeChat identity, in Chinese, and stores nothing', async () => {
    const response = await upload('evidence/b/a/anonymous.png', PNG, null)

    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录再上传文件（缺少微信身份）' } })
    await expect(cloud.storage.downloadFile('cloud://local/evidence/b/a/anonymous.png')).rejects.toThrow()
  })

  it('lets the creator replace their own file but nobody else', async () => {
    expect((await upload('evidence/b/a/photo.png', PNG, ALICE)).status).toBe(200)
    expect((await upload('evidence/b/a/photo.png', new Uint8Array([1]), ALICE)).status).toBe(200)

    const overwrite = await upload('evidence/b/a/photo.png', new Uint8Array([6, 6, 6]), BOB)
    expect(overwrite.status).toBe(403)
    expect(await overwrite.json()).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '该位置已有他人上传的文件，不能覆盖' } })
    // The same file under another spelling of its path is the same file.
    expect((await upload('evidence/b/./a//photo.png', new Uint8Array([6]), BOB)).status).toBe(403)
    expect(Buffer.from(await cloud.storage.downloadFile('cloud://local/evidence/b/a/photo.png'))).toEqual(Buffer.from([1]))
  })

  it('keeps who created each file across a restart', async () => {
    await upload('imports/b/roster.csv', new Uint8Array([1]), ALICE)
    await stop()
    await start()

    expect((await upload('imports/b/roster.csv', new Uint8Array([2]), BOB)).status).toBe(403)
    expect((await upload('imports/b/roster.csv', new Uint8Array([3]), ALICE)).status).toBe(200)
  })

  it('never lets a client overwrite what a cloud function stored', async () => {
    await cloud.storage.uploadFile('ledgers/b/job.xlsx', new Uint8Array([1]))
    expect((await upload('ledgers/b/job.xlsx', new Uint8Array([2]), ALICE)).status).toBe(403)

    // A function overwriting a client's file makes it the server's.
    await upload('evidence/b/a/taken.png', PNG, ALICE)
    await cloud.storage.uploadFile('evidence/b/a/taken.png', PNG)
    expect((await upload('evidence/b/a/taken.png', new Uint8Array([2]), ALICE)).status).toBe(403)
  })

  it('lets cloud functions read and delete what a client uploaded, after which the path is free', async () => {
    const { data } = (await (await upload('study/m1/proof.png', PNG, ALICE)).json()) as { data: { fileId: string } }
    expect(Buffer.from(await cloud.storage.downloadFile(data.fileId))).toEqual(Buffer.from(PNG))

    await cloud.storage.deleteFiles([data.fileId])
    expect((await upload('study/m1/proof.png', PNG, BOB)).status).toBe(200)
  })

  it('keeps the runtime’s own bookkeeping out of reach', async () => {
    expect((await upload('.runtime/creators.jsonl', new Uint8Array([1]), ALICE)).status).toBe(400)
    expect((await upload('a/../.runtime/creators.jsonl', new Uint8Array([1]), ALICE)).status).toBe(400)
  })
})

describe('/files: temporary URLs, as getTempFileURL hands them out', () => {
  it('serves a file only with the signature of its temporary URL', async () => {
    const { fileId } = await cloud.storage.uploadFile('evidence/b/a/photo.png', PNG)
    const signed = new URL(await tempUrlOf(fileId))
    expect(signed.searchParams.get('sign')).toBeTruthy()

    const unsigned = await fetch(`${server.url}/files/evidence/b/a/photo.png`)
    expect(unsigned.status).toBe(403)
    expect(await unsigned.json()).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '文件链接无效，请在应用内重新打开' } })

    const tampered = new URL(signed)
    tampered.searchParams.set('sign', `${signed.searchParams.get('sign')!.slice(0, -2)}AA`)
    expect((await fetch(tampered)).status).toBe(403)
    const extended = new URL(signed)
    extended.searchParams.set('t', String(Number(signed.searchParams.get('t')) + 3600))
    expect((await fetch(extended)).status).toBe(403)
    const { fileId: otherId } = await cloud.storage.uploadFile('evidence/other/a/photo.png', PNG)
    const otherPath = new URL(await tempUrlOf(otherId)).pathname
    expect((await fetch(`${server.url}${otherPath}${signed.search}`)).status).toBe(403)

    const served = await fetch(signed)
    expect(served.status).toBe(200)
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG)
  })

  it('stops serving a temporary URL once it expires by the runtime’s clock', async () => {
    const { fileId } = await cloud.storage.uploadFile('evidence/b/a/photo.png', PNG)
    const url = await tempUrlOf(fileId)

    offsetMs = TEMP_URL_TTL_MS
    expect((await fetch(url)).status).toBe(200)
    offsetMs = TEMP_URL_TTL_MS + 1000
    const expired = await fetch(url)
    expect(expired.status).toBe(403)
    expect(await expired.json()).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '文件链接已过期，请刷新页面后重新打开' } })
    expect((await fetch(await tempUrlOf(fileId))).status).toBe(200)
  })

  it('signs with a key of its own data folder, so URLs of another folder do not work', async () => {
    const { fileId } = await cloud.storage.uploadFile('evidence/b/a/photo.png', PNG)
    const other = mkdtempSync(path.join(tmpdir(), 'zbt-storage-test-'))
    const otherCloud = await LocalCloud.start({ dataDir: other, now, log: () => undefined })
    try {
      await otherCloud.storage.uploadFile('evidence/b/a/photo.png', PNG)
      const [{ url }] = await otherCloud.storage.getTempFileUrls([fileId])
      expect((await fetch(`${server.url}${url}`)).status).toBe(403)
    } finally {
      await otherCloud.close()
      rmSync(other, { recursive: true, force: true })
    }
  })

  it('shows only photos and PDFs in place; everything else, HTML above all, is a download', async () => {
    const headersOf = async (cloudPath: string, bytes: Uint8Array, query = '') => {
      const { fileId } = await cloud.storage.uploadFile(cloudPath, bytes)
      const response = await fetch(`${await tempUrlOf(fileId)}${query}`)
      expect(response.status).toBe(200)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      return { type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition') }
    }
    const html = new TextEncoder().encode('<script>alert(document.cookie)</script>')

    expect(await headersOf('evidence/b/a/p.jpg', PNG)).toEqual({ type: 'image/jpeg', disposition: null })
    expect(await headersOf('evidence/b/a/p.JPEG', PNG)).toEqual({ type: 'image/jpeg', disposition: null })
    expect(await headersOf('evidence/b/a/p.png', PNG)).toEqual({ type: 'image/png', disposition: null })
    expect(await headersOf('evidence/b/a/minutes.pdf', PNG)).toEqual({ type: 'application/pdf', disposition: null })
    expect(await headersOf('evidence/b/a/page.html', html)).toEqual({ type: 'application/octet-stream', disposition: 'attachment; filename="page.html"' })
    expect(await headersOf('evidence/b/a/script.js', html)).toEqual({ type: 'application/octet-stream', disposition: 'attachment; filename="script.js"' })
    expect(await headersOf('evidence/b/a/vector.svg', html)).toEqual({ type: 'application/octet-stream', disposition: 'attachment; filename="vector.svg"' })
    expect(await headersOf('evidence/b/a/no-extension', html)).toEqual({ type: 'application/octet-stream', disposition: 'attachment; filename="no-extension"' })
    expect(await headersOf('ledgers/b/lj1.xlsx', PNG)).toEqual({ type: 'application/octet-stream', disposition: 'attachment; filename="lj1.xlsx"' })
  })

  it('names a download as asked, keeping the stored extension', async () => {
    const dispositionOf = async (cloudPath: string, fileName: string) => {
      const { fileId } = await cloud.storage.uploadFile(cloudPath, PNG)
      const url = new URL(await tempUrlOf(fileId))
      url.searchParams.set('filename', fileName)
      return (await fetch(url)).headers.get('content-disposition')
    }
    const ledgerName = '出勤台账-计算机支部-2026年秋季学期.xlsx'

    expect(await dispositionOf('ledgers/b/lj1.xlsx', ledgerName)).toBe(
      `attachment; filename="????-?????-2026?????.xlsx"; filename*=UTF-8''${encodeURIComponent(ledgerName)}`,
    )
    expect(await dispositionOf('evidence/b/a/m.docx', '会议记录.docx')).toContain(`filename*=UTF-8''${encodeURIComponent('会议记录.docx')}`)
    expect(await dispositionOf('evidence/b/a/m.doc', 'minutes.html')).toBe('attachment; filename="minutes.html.doc"')
    expect(await dispositionOf('evidence/b/a/n.doc', '../../x\u0000.doc')).toBe('attachment; filename="....x.doc"')
  })
})
