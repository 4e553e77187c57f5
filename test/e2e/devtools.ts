import path from 'node:path'
import jsQR from 'jsqr'
import automator from 'miniprogram-automator'
import type Element from 'miniprogram-automator/out/Element'
import type MiniProgram from 'miniprogram-automator/out/MiniProgram'
import type Page from 'miniprogram-automator/out/Page'
import { PNG } from 'pngjs'
import { SCREENSHOT_DIR, startRuntime, type Runtime } from './browser'

/**
 * The weapp itself in WeChat DevTools, driven by miniprogram-automator. Runs only when
 * WECHAT_DEVTOOLS_CLI points at the DevTools command line (with 设置 → 安全设置 → 服务端口
 * on); otherwise the journeys are reported as skipped. The weapp's wx.cloud.callFunction and
 * wx.cloud.uploadFile are routed to the local runtime, so no CloudBase environment is needed:
 * the journeys run against the same seeded runtime and the same function code as the browser ones.
 */
export const DEVTOOLS_CLI = process.env.WECHAT_DEVTOOLS_CLI
export const describeInDevTools = DEVTOOLS_CLI ? describe : describe.skip

const PROJECT_PATH = path.resolve(__dirname, '..', '..')

/** The few wx APIs the functions below use; they run inside the mini program, not in Node. */
interface RequestOptions<T> {
  success: (response: T) => void
  fail: (error: unknown) => void
}
declare const wx: {
  cloud: unknown
  env: { USER_DATA_PATH: string }
  request(options: RequestOptions<{ data: unknown }> & { url: string; method: 'POST'; data: unknown; header: Record<string, string> }): void
  uploadFile(
    options: RequestOptions<{ data: string }> & { url: string; filePath: string; name: string; formData: Record<string, string>; header: Record<string, string> },
  ): void
  getFileSystemManager(): { writeFileSync(filePath: string, data: string, encoding: 'base64'): void }
}
const WAIT_MS = 15_000

export interface DevToolsJourney extends Runtime {
  miniProgram: MiniProgram
  /** Who the weapp is from now on (the openid WeChat would give the cloud functions). */
  actAs(openid: string): Promise<void>
  open(url: string): Promise<Page>
  screenshot(name: string): Promise<void>
  /** The QR code on the simulator's screen, as a member's camera would read it. */
  readQrCode(): Promise<string>
  /** Files in the simulator's user data folder, for a mocked chooseMedia. */
  writeUserFile(name: string, bytes: Uint8Array): Promise<string>
}

/** Replaces wx.cloud's calls with requests to the local runtime (Taro.cloud is the same object). */
function routeCloudToLocalRuntime(baseUrl: string): void {
  const local = { baseUrl, openid: '' }
  ;(wx as unknown as { zbtLocalRuntime: typeof local }).zbtLocalRuntime = local
  const cloud = wx.cloud as unknown as Record<string, unknown>
  cloud.init = () => undefined
  cloud.callFunction = (options: { name: string; data: unknown }) =>
    new Promise((resolve, reject) => {
      wx.request({
        url: `${local.baseUrl}/api/functions/${options.name}`,
        method: 'POST',
        data: options.data,
        header: { 'content-type': 'application/json', 'x-dev-openid': local.openid },
        success: (response) => resolve({ result: response.data }),
        fail: reject,
      })
    })
  cloud.uploadFile = (options: { cloudPath: string; filePath: string }) =>
    new Promise((resolve, reject) => {
      wx.uploadFile({
        url: `${local.baseUrl}/api/upload`,
        filePath: options.filePath,
        name: 'file',
        formData: { cloudPath: options.cloudPath },
        header: { 'x-dev-openid': local.openid },
        success: (response) => {
          const answer = JSON.parse(response.data) as { ok: boolean; data?: { fileId: string } }
          if (answer.ok && answer.data) resolve({ fileID: answer.data.fileId })
          else reject(new Error(response.data))
        },
        fail: reject,
      })
    })
}

export async function startDevToolsJourney(): Promise<DevToolsJourney> {
  // The simulator keeps the computer's time: so does the runtime (seeded as of now, then moved on by the journey).
  const runtime = await startRuntime(new Date())
  const miniProgram = await automator.launch({
    cliPath: DEVTOOLS_CLI,
    projectPath: PROJECT_PATH,
    // http://127.0.0.1 is not a legal request domain of a real mini program.
    projectConfig: { ...(process.env.WECHAT_APPID ? { appid: process.env.WECHAT_APPID } : {}), setting: { urlCheck: false } },
  })
  await miniProgram.evaluate(routeCloudToLocalRuntime, runtime.server.url)
  // Destructive actions ask first (wx.showModal): the person taps 确定.
  await miniProgram.mockWxMethod('showModal', { confirm: true, cancel: false, errMsg: 'showModal:ok' })
  return {
    ...runtime,
    miniProgram,
    async actAs(openid) {
      await miniProgram.evaluate((id: string) => {
        ;(wx as unknown as { zbtLocalRuntime: { openid: string } }).zbtLocalRuntime.openid = id
      }, openid)
    },
    async open(url) {
      const page = await miniProgram.reLaunch(url)
      if (!page) throw new Error(`DevTools did not open ${url}`)
      return page
    },
    async screenshot(name) {
      await miniProgram.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) })
    },
    async readQrCode() {
      const png = PNG.sync.read(Buffer.from((await miniProgram.screenshot()) as string, 'base64'))
      const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
      if (!decoded) throw new Error('no QR code could be read on the simulator’s screen')
      return decoded.data
    },
    async writeUserFile(name, bytes) {
      return miniProgram.evaluate(
        (fileName: string, base64: string) => {
          const target = `${wx.env.USER_DATA_PATH}/${fileName}`
          wx.getFileSystemManager().writeFileSync(target, base64, 'base64')
          return target
        },
        name,
        Buffer.from(bytes).toString('base64'),
      ) as Promise<string>
    },
    async close() {
      await miniProgram.close()
      await runtime.close()
    },
  }
}

/** The first element matching `selector` whose text contains every one of `texts`, waiting for it to appear. */
export async function findByText(page: Page, selector: string, ...texts: string[]): Promise<Element> {
  const deadline = Date.now() + WAIT_MS
  for (;;) {
    for (const element of (await page.$$(selector)) as Element[]) {
      const content = await element.text()
      if (texts.every((text) => content.includes(text))) return element
    }
    if (Date.now() > deadline) throw new Error(`no ${selector} containing “${texts.join('”, “')}” on ${page.path}`)
    await page.waitFor(300)
  }
}

export async function tapText(page: Page, selector: string, text: string): Promise<void> {
  await (await findByText(page, selector, text)).tap()
}

/** Types into the n-th input (or textarea) of the page, as the keyboard would. */
export async function typeInto(page: Page, selector: string, index: number, value: string): Promise<void> {
  const fields = (await page.$$(selector)) as (Element & { input(value: string): Promise<void> })[]
  if (!fields[index]) throw new Error(`no ${selector} #${index} on ${page.path}`)
  await fields[index].input(value)
}
