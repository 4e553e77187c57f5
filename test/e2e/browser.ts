import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { startServer, type RunningServer } from '../../cloud-runtime/server'
import { decodeQrPng } from '../support/qr'
import { startSeededCloudWithSummaries, TEST_NOW, type TestCloud } from '../support/local-cloud'

export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', 'test-output', 'screenshots')
/** E2E_H5_DIR: a private H5 build (TARO_OUTPUT_ROOT=… npx taro build --type h5) instead of dist/h5. */
const H5_DIR = process.env.E2E_H5_DIR ?? path.resolve(__dirname, '..', '..', 'dist', 'h5')

/**
 * A fresh runtime seeded as of TEST_NOW, with summaries built (as after the nightly timer), serving
 * the H5 build over HTTP. Its clock stands still at TEST_NOW until a journey moves it on, so a
 * journey meets the same calendar whenever it runs.
 */
export interface Runtime {
  env: TestCloud
  server: RunningServer
  now(): Date
  /** Moves the clock on, e.g. past an activity's start. */
  advanceClock(ms: number): Promise<void>
  close(): Promise<void>
}

/** `startsAt`: where the clock stands (TEST_NOW, unless the phones cannot be told the time, as in WeChat DevTools). */
export async function startRuntime(startsAt: Date = TEST_NOW): Promise<Runtime> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  let offsetMs = 0
  const now = () => new Date(startsAt.getTime() + offsetMs)
  const env = await startSeededCloudWithSummaries({ now })
  const server = await startServer({ cloud: env.cloud, h5Dir: H5_DIR, port: 0 })
  return {
    env,
    server,
    now,
    advanceClock(ms) {
      offsetMs += ms
      return Promise.resolve()
    },
    async close() {
      await server.close()
      await env.dispose()
    },
  }
}

export interface Journey extends Runtime {
  browser: Browser
  newPhone(): Promise<Page>
  /** A phone already signed in (dev identity) and on the home page. */
  signIn(openid: string): Promise<Page>
  screenshot(page: Page, name: string): Promise<void>
  /** Errors the pages raised or logged (React's DOM errors among them), with the page's URL. */
  pageErrors: string[]
}

/** The runtime, and a Chromium that opens the H5 app as a 375×812 phone whose clock shows the runtime's time. */
export async function startJourney(): Promise<Journey> {
  const runtime = await startRuntime()
  const { server } = runtime
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  const phones: BrowserContext[] = []
  const pageErrors: string[] = []
  const newPhone = async () => {
    // A phone set to UTC, not Beijing: every time on screen must still read in Beijing time.
    const context = await browser.newContext({
      viewport: { width: 375, height: 812 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'UTC',
    })
    // Date.now() in the page answers the runtime's time; timers keep running.
    await context.clock.setFixedTime(runtime.now())
    phones.push(context)
    const page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`${page.url()}: ${message.text()}`)
    })
    return page
  }
  return {
    ...runtime,
    async advanceClock(ms) {
      await runtime.advanceClock(ms)
      for (const phone of phones) await phone.clock.setFixedTime(runtime.now())
    },
    browser,
    pageErrors,
    async signIn(openid) {
      const page = await newPhone()
      await page.goto(`${server.url}/dev/signin`)
      await page.evaluate((id: string) => localStorage.setItem('zbt.devOpenid', id), openid)
      await page.goto(server.url)
      return page
    },
    newPhone,
    async screenshot(page, name) {
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) })
    },
    async close() {
      await browser.close()
      await runtime.close()
    },
  }
}

/** Lets Taro's page slide-in finish before a screenshot (a picture, not an assertion). */
export const settle = (page: Page) => page.waitForTimeout(600)

/** Reads the QR code off the secretary's screen, as a member's camera would. */
export async function readQrCode(page: Page): Promise<string> {
  const image = page.locator('img[src^="data:image/svg+xml"]:visible').first()
  await image.waitFor()
  const decoded = decodeQrPng(await image.screenshot())
  if (!decoded) throw new Error('no QR code could be read on the screen')
  return decoded
}

/** The text field with this placeholder (Taro wraps the real input in an element carrying the same placeholder). */
export const field = (page: Page, placeholder: string) => page.locator(`:is(input, textarea)[placeholder="${placeholder}"]:visible`)
