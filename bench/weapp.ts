/**
 * `npm run bench:weapp`: the start-up cost of every page of the built mini program (dist/weapp),
 * measured in the headless host on the demo university. For each page, a phone cold-starts the
 * mini program there (as from a shared link or a scanned code) and the host notes, at the page's
 * first meaningful render (the first one without a loading view): the code packages downloaded,
 * the JS run, and the cloud calls and round trips (calls that had to wait for an earlier answer)
 * it waited for. Also the size of each code package. Build first: `npm run build:weapp`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { COLLECTIONS } from '../src/domain/collections'
import type { Activity } from '../src/domain/model'
import { PAGES } from '../src/routes'
import { isBusy } from '../weapp-host/app-conventions'
import { HostClock } from '../weapp-host/clock'
import { HostWorld } from '../weapp-host/host'
import { branchCast, startSeededCloudWithSummaries, TEST_NOW } from '../test/support/local-cloud'

const BRANCH_ID = 'org-cs-teacher'
const KB = 1024

interface Visit {
  who: 'member' | 'secretary' | 'admin' | 'unbound'
  url: string
}

async function main(): Promise<void> {
  process.env.TZ = 'UTC'
  const appDir = process.env.WEAPP_DIR ?? path.resolve(__dirname, '..', 'dist', 'weapp')
  const clock = new HostClock(TEST_NOW)
  const env = await startSeededCloudWithSummaries({ now: clock.now })
  const tempDir = mkdtempSync(path.join(tmpdir(), 'zbt-bench-weapp-'))
  const world = new HostWorld({ appDir, clock, cloud: env.cloud, tempDir, isBusy })
  try {
    const { demo } = env
    const cast = branchCast(demo, BRANCH_ID)
    const branch = demo.orgs.find((org) => org._id === BRANCH_ID)!
    const admin = demo.members.find((member) => member.adminOrgIds.includes(branch.parentId!))!
    const activities = (await env.cloud.db().collection(COLLECTIONS.activities.name).where({ branchId: BRANCH_ID }).limit(1000).get()).data as Activity[]
    const upcoming = activities.filter((activity) => activity.status === 'scheduled' && activity.startAt > TEST_NOW)[0]
    const held = activities.filter((activity) => activity.status === 'closed').sort((a, b) => b.startAt.getTime() - a.startAt.getTime())[0]
    const openids: Record<Visit['who'], string> = { member: cast.plainMembers[0].openid!, secretary: cast.secretary.openid!, admin: admin.openid!, unbound: 'wx-bench-unbound' }

    const visits: Visit[] = [
      { who: 'member', url: PAGES.home },
      { who: 'member', url: `${PAGES.activity}?id=${upcoming._id}` },
      { who: 'member', url: PAGES.checkinScan },
      { who: 'member', url: PAGES.myRequests },
      { who: 'member', url: PAGES.myHours },
      { who: 'member', url: PAGES.branchStatus },
      { who: 'member', url: PAGES.gallery },
      { who: 'member', url: `${PAGES.evidence}?activityId=${held._id}` },
      { who: 'member', url: PAGES.me },
      { who: 'unbound', url: PAGES.bind },
      { who: 'member', url: `${PAGES.members}?branchId=${BRANCH_ID}` },
      { who: 'secretary', url: PAGES.home },
      { who: 'secretary', url: `${PAGES.activityEdit}?branchId=${BRANCH_ID}` },
      { who: 'secretary', url: `${PAGES.checkinCode}?id=${upcoming._id}` },
      { who: 'secretary', url: `${PAGES.attendanceLive}?id=${upcoming._id}` },
      { who: 'secretary', url: PAGES.inbox },
      { who: 'secretary', url: `${PAGES.rosterImport}?branchId=${BRANCH_ID}` },
      { who: 'secretary', url: `${PAGES.ledger}?branchId=${BRANCH_ID}` },
      { who: 'admin', url: `${PAGES.dashboard}?orgId=${branch.parentId}` },
      { who: 'admin', url: `${PAGES.scoreSheet}?branchId=${BRANCH_ID}` },
      { who: 'admin', url: PAGES.orgTree },
    ]

    console.log('code packages (dist/weapp):')
    for (const pkg of world.app.packages) console.log(`  ${pkg.name === '__APP__' ? 'main' : pkg.name}: ${(pkg.bytes / KB).toFixed(1)} KB in ${pkg.files.length} files`)
    console.log('')
    console.log('cold start to each page, at its first meaningful render:')
    console.log(`${'page'.padEnd(40)} ${'who'.padEnd(9)} ${'downloaded'.padStart(10)} ${'JS run'.padStart(8)} ${'calls'.padStart(5)} ${'round trips'.padStart(11)} ${'preloaded'.padStart(9)} ${'host ms'.padStart(7)}`)
    for (const visit of visits) {
      const [route, query = ''] = visit.url.slice(1).split('?')
      const started = performance.now()
      const phone = await world.launch(openids[visit.who], { path: route, query: Object.fromEntries(new URLSearchParams(query)) })
      const hostMs = performance.now() - started
      const mark = phone.page.firstMeaningfulRender
      if (!mark) throw new Error(`${route} never rendered without a loading view:\n${phone.page.outline()}`)
      console.log(
        `${route.padEnd(40)} ${visit.who.padEnd(9)} ${`${(mark.downloadedBytes / KB).toFixed(0)} KB`.padStart(10)} ${`${(mark.evaluatedBytes / KB).toFixed(0)} KB`.padStart(8)} ${String(mark.cloudCalls).padStart(5)} ${String(mark.cloudRounds).padStart(11)} ${`${(mark.preloadedBytes / KB).toFixed(0)} KB`.padStart(9)} ${hostMs.toFixed(0).padStart(7)}`,
      )
    }
    console.log('')
    console.log('downloaded: code packages the render waited for (the main package at a cold start, plus the page’s subpackage);')
    console.log('JS run: the JS files the logic layer evaluated (lazyCodeLoading: only the app, the framework and that page);')
    console.log('round trips: cloud calls in a chain, each started after an earlier one answered; preloaded: preloadRule downloads')
    console.log('started meanwhile, in the background. KB = 1024 bytes.')
  } finally {
    world.dispose()
    rmSync(tempDir, { recursive: true, force: true })
    await env.dispose()
  }
}


main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
