/**
 * `npm start`: the whole system on one machine. Builds the H5 app when its sources changed,
 * seeds an empty data folder with the demo university, starts the local cloud runtime and
 * prints the one URL to open.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { networkInterfaces } from 'node:os'
import path from 'node:path'
import { rebuildSummaries } from '../cloudfunctions/_shared/summaries'
import { RULES_REFRESH_TRIGGER } from '../cloudfunctions/manifest'
import { decideListenAddress, reachableUrl } from './listen-address'
import { LocalCloud } from './local-cloud'
import { generateDemoData } from './seed/demo-data'
import { seedDatabase } from './seed/seed-database'
import { startServer } from './server'

const root = path.resolve(__dirname, '..')
const h5Dir = path.join(root, 'dist', 'h5')
const dataDir = path.resolve(root, process.env.ZBT_DATA_DIR ?? '.data')
const port = Number(process.env.PORT ?? 8787)
const host = process.env.HOST ?? '127.0.0.1'

function newestModification(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name)
    const time = entry.isDirectory() ? newestModification(full) : statSync(full).mtimeMs
    return Math.max(newest, time)
  }, 0)
}

function buildH5IfStale(): void {
  const index = path.join(h5Dir, 'index.html')
  const sourcesChanged =
    !existsSync(index) ||
    Math.max(newestModification(path.join(root, 'src')), newestModification(path.join(root, 'config'))) >
      statSync(index).mtimeMs
  if (!sourcesChanged) return
  console.log('正在构建 H5 应用（首次约 30 秒）…')
  const result = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) throw new Error('H5 构建失败，请查看上方的错误信息')
}

async function seedIfEmpty(cloud: LocalCloud): Promise<void> {
  const { total } = await cloud.db().collection('members').count()
  if (total > 0) return
  console.log('数据目录为空，正在写入演示数据…')
  const summary = await seedDatabase(cloud.db(), { putFile: async (cloudPath, bytes) => void (await cloud.storage.uploadFile(cloudPath, bytes)) }, generateDemoData({ now: new Date() }))
  console.log(`演示数据已写入：${Object.entries(summary).map(([name, count]) => `${name} ${count}`).join('，')}`)
}

/** What the nightly timer does on CloudBase: bring every branch's compliance summary up to date. */
async function rebuildAllSummaries(cloud: LocalCloud): Promise<void> {
  let done = false
  while (!done) done = (await rebuildSummaries(cloud.contextFor(null, 'timer'), { budgetMs: 60_000 })).done
}

async function main(): Promise<void> {
  const listening = decideListenAddress(host, process.env)
  if (listening.kind === 'refused') throw new Error(listening.message)
  buildH5IfStale()
  let publicUrl = `http://localhost:${port}`
  const cloud = await LocalCloud.start({ dataDir, publicBaseUrl: () => publicUrl })
  await seedIfEmpty(cloud)
  await rebuildAllSummaries(cloud)
  const server = await startServer({ cloud, h5Dir, port, host, exposeToNetwork: listening.kind === 'network' })
  publicUrl = reachableUrl(host, Number(new URL(server.url).port), networkInterfaces())
  if (listening.kind === 'network') console.warn(listening.warning)
  console.log(`\n支部通本地环境已启动：${publicUrl}\n数据目录：${dataDir}（删除该目录可重新生成演示数据）\n按 Ctrl+C 停止。\n`)
  // Timer triggers that run every 10 minutes on CloudBase, locally every minute: reminders and the 消息 dispatcher (into GET /dev/outbox) and the
  // refresh of branches after a ruleset change that the admin's page did not finish. The daily and monthly
  // timers run on demand: POST /dev/timers/<name>.
  const everyMinute = (name: 'reminders' | 'messages' | 'compliance-timer', event: unknown, failure: string) =>
    setInterval(() => {
      cloud
        .invokeFromPlatform(name, 'timer', event)
        .then((result) => {
          if (!result.ok) console.error(failure, result.error)
        })
        .catch((error: unknown) => console.error(failure, error))
    }, 60_000)
  const timers = [
    everyMinute('reminders', {}, '活动提醒发送失败'),
    everyMinute('messages', {}, '消息推送失败'),
    everyMinute('compliance-timer', { TriggerName: RULES_REFRESH_TRIGGER }, '规则集修改后的汇总重算失败'),
  ]
  const stop = async () => {
    for (const timer of timers) clearInterval(timer)
    await server.close()
    await cloud.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(`启动失败：${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
