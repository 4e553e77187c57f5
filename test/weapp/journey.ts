import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { HostClock } from '../../weapp-host/clock'
import { HostWorld, type PageView, type Phone } from '../../weapp-host/host'
import { isBusy } from '../../weapp-host/app-conventions'
import type { Member } from '../../src/domain/model'
import { decodeQrPng } from '../support/qr'
import { startSeededCloudWithSummaries, TEST_NOW, type TestCloud } from '../support/local-cloud'

/** WEAPP_DIR: another weapp build (TARO_OUTPUT_ROOT=… npx taro build --type weapp) instead of dist/weapp. */
export const WEAPP_DIR = process.env.WEAPP_DIR ?? path.resolve(__dirname, '..', '..', 'dist', 'weapp')
export const PAGES_DIR = path.resolve(__dirname, '..', '..', 'test-output', 'weapp-pages')

/**
 * The built mini program (dist/weapp) in the headless host, on phones whose WeChat users the
 * journey picks, against a fresh seeded runtime. One clock for the runtime, `Date` and the timers
 * of every phone: it stands at TEST_NOW until the journey moves it.
 */
export interface WeappJourney {
  env: TestCloud
  world: HostWorld
  /** A phone of this WeChat user, cold-started at the home page (or `url`; `scene`: how WeChat was opened, e.g. 1047 for a scanned mini program code). */
  phone(openid: string, url?: string, scene?: number): Promise<Phone>
  advanceClock(ms: number): Promise<void>
  /** Keeps what the page shows in test-output/weapp-pages/<name>.txt (the host's screenshot). */
  keep(phone: Phone, name: string): void
  close(): Promise<void>
}

export async function startWeappJourney(): Promise<WeappJourney> {
  mkdirSync(PAGES_DIR, { recursive: true })
  const clock = new HostClock(TEST_NOW)
  const env = await startSeededCloudWithSummaries({ now: clock.now })
  const tempDir = mkdtempSync(path.join(tmpdir(), 'zbt-weapp-'))
  const world = new HostWorld({ appDir: WEAPP_DIR, clock, cloud: env.cloud, tempDir, isBusy })
  return {
    env,
    world,
    async phone(openid, url, scene) {
      if (!url) return world.launch(openid)
      const [route, query = ''] = url.replace(/^\//, '').split('?')
      // Query values reach onLoad as they are in the url (WeChat does not decode them).
      const values = Object.fromEntries(query.split('&').filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]))
      return world.launch(openid, { path: route, query: values, scene })
    },
    advanceClock: (ms) => world.advanceClock(ms),
    keep(phone, name) {
      const page = phone.page
      writeFileSync(path.join(PAGES_DIR, `${name}.txt`), `${page.route}?${new URLSearchParams(page.query)}\n\n${page.outline()}\n`)
    },
    async close() {
      world.dispose()
      rmSync(tempDir, { recursive: true, force: true })
      await env.dispose()
    },
  }
}

/** The check-in link the QR image on 出示签到码 carries, decoded as a member's camera would. */
export function readQrCode(page: PageView): string {
  const image = page.find('image.act-qr')
  const src = String(image.attributes.src ?? '')
  const match = /^data:image\/png;base64,(.+)$/.exec(src)
  if (!match) throw new Error(`the QR image is not a PNG data URL: ${src.slice(0, 40)}`)
  const decoded = decodeQrPng(Buffer.from(match[1], 'base64'))
  if (!decoded) throw new Error('no QR code could be read off the image')
  return decoded
}

/** The 我的 tab (app.config.ts tabBar): its badge is the 消息 unread count. */
export const ME_TAB = 3

/** The bound, active secretary of a branch in the demo data. */
export const secretaryOf = (journey: WeappJourney, branchId: string): Member =>
  journey.env.demo.members.find((m) => m.branchId === branchId && m.roles.includes('secretary') && m.active && m.openid)!

/** The text field with this placeholder. */
export const field = (page: PageView, placeholder: string) => {
  const found = [...page.all('input'), ...page.all('textarea')].find((element) => element.attributes.placeholder === placeholder)
  if (!found) throw new Error(`no field “${placeholder}” on ${page.route}; the page shows:\n${page.outline()}`)
  return found
}
