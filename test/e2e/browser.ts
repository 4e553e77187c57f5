import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { startServer, type RunningServer } from '../../cloud-runtime/server'
import { rebuildSummaries } from '../../cloudfunctions/_shared/summaries'
import { startSeededCloud, type TestCloud } from '../support/local-cloud'

export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', 'test-output', 'screenshots')
/** E2E_H5_DIR: a private H5 build (TARO_OUTPUT_ROOT=… npx taro build --type h5) instead of dist/h5. */
const H5_DIR = process.env.E2E_H5_DIR ?? path.resolve(__dirname, '..', '..', 'dist', 'h5')

export interface Journey {
  env: TestCloud
  server: RunningServer
  browser: Browser
  newPhone(): Promise<Page>
  /** A phone already signed in (dev identity) and on the home page. */
  signIn(openid: string): Promise<Page>
  screenshot(page: Page, name: string): Promise<void>
  close(): Promise<void>
}

/** A fresh seeded runtime (summaries built, as after the nightly timer) serving the H5 build, and a Chromium that opens it as a 375×812 phone. */
export async function startJourney(): Promise<Journey> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const env = await startSeededCloud({ now: () => new Date() })
  let rebuilt = false
  while (!rebuilt) rebuilt = (await rebuildSummaries(env.cloud.contextFor(null), { budgetMs: 60_000 })).done
  const server = await startServer({ cloud: env.cloud, h5Dir: H5_DIR, port: 0 })
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
  const newPhone = async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' })
    return context.newPage()
  }
  return {
    env,
    server,
    browser,
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
      await server.close()
      await env.dispose()
    },
  }
}
