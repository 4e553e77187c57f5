/**
 * `npm run bench`: runs every benchmark of the project one after another and prints their
 * figures as one table. Not a test: the figures depend on the machine and what else runs.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const BENCHMARKS: { name: string; args: string[] }[] = [
  { name: 'domain', args: ['--import', 'tsx', 'bench/domain.ts'] },
  { name: 'checkin', args: ['--import', 'tsx', 'bench/checkin.ts'] },
  { name: 'ledger', args: ['--import', 'tsx', 'bench/ledger.ts'] },
  { name: 'roster-import', args: ['--import', 'tsx', 'bench/roster-import.ts'] },
  { name: 'weapp', args: ['--import', 'tsx', 'bench/weapp.ts'] },
  { name: 'dashboard', args: ['--max-old-space-size=8192', '--import', 'tsx', 'bench/dashboard.ts'] },
  { name: 'rulesets', args: ['--max-old-space-size=8192', '--import', 'tsx', 'bench/rulesets.ts'] },
]

const rows: [string, string][] = []
for (const { name, args } of BENCHMARKS) {
  process.stderr.write(`running ${name}…\n`)
  const run = spawnSync(process.execPath, args, { cwd: path.resolve(__dirname, '..'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const lines = run.stdout.split('\n').map((line) => line.trim()).filter(Boolean)
  if (run.status !== 0) lines.push(`FAILED (exit ${run.status}): ${run.stderr.trim().split('\n').slice(-1)[0] ?? ''}`)
  for (const line of lines) rows.push([name, line.replace(/\s{2,}/g, '  ')])
}
const width = Math.max(...rows.map(([name]) => name.length), 'benchmark'.length)
console.log(`${'benchmark'.padEnd(width)} | result`)
console.log(`${'-'.repeat(width)}-|-${'-'.repeat(60)}`)
for (const [name, line] of rows) console.log(`${name.padEnd(width)} | ${line}`)
