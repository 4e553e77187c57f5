/**
 * 花名册导入 cost (`npx tsx bench/roster-import.ts`): members.importPreview through the local
 * runtime for a file at the caps and for hostile ones. Each file runs in its own child process so
 * that the peak RSS printed is that file's alone. Prints figures only.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { LocalCloud } from '../cloud-runtime/local-cloud'
import { COLLECTIONS } from '../src/domain/collections'
import type { Member, Org } from '../src/domain/model'
import { DEFAULT_ROSTER_IMPORT_LIMITS } from '../src/domain/roster-import'
import { csvOf, memberRows, sheetXml, xlsxOf, xlsxWithSheet } from '../test/support/roster-files'

const NOW = new Date('2026-11-21T02:00:00.000Z')
const BRANCH_ID = 'bench-branch'
const SECRETARY_OPENID = 'wx-bench-secretary'
const CAP = DEFAULT_ROSTER_IMPORT_LIMITS.maxRows
const text = (value: string) => new TextEncoder().encode(value)

/** `count` copies of one bad row in a sheet of inline strings: as many rows as fit in a small file. */
const repeatedBadRow = (count: number) => {
  const [header, row] = memberRows(1, { bad: true })
  return xlsxWithSheet(sheetXml([header, ...Array.from({ length: count }, () => row)]))
}

const CASES: { name: string; extension: 'xlsx' | 'csv'; make: () => Promise<Uint8Array> | Uint8Array }[] = [
  { name: `xlsx ${CAP} rows (at the cap)`, extension: 'xlsx', make: () => xlsxOf(memberRows(CAP)) },
  { name: `csv ${CAP} rows (at the cap)`, extension: 'csv', make: () => text(csvOf(memberRows(CAP))) },
  {
    name: `xlsx ${CAP} rows × ${DEFAULT_ROSTER_IMPORT_LIMITS.maxColumns} columns`,
    extension: 'xlsx',
    make: () => xlsxOf(memberRows(CAP).map((row) => [...row, ...Array.from({ length: DEFAULT_ROSTER_IMPORT_LIMITS.maxColumns - row.length }, (_, i) => `备注${i}-${row[1]}`)])),
  },
  { name: 'xlsx 300k bad rows (hostile)', extension: 'xlsx', make: () => xlsxOf(memberRows(300_000, { bad: true })) },
  { name: 'xlsx 60k same bad rows (1.5 MB)', extension: 'xlsx', make: () => repeatedBadRow(60_000) },
  { name: 'xlsx 35k same bad rows (< 1 MB)', extension: 'xlsx', make: () => repeatedBadRow(35_000) },
  { name: 'xlsx 10k same bad rows', extension: 'xlsx', make: () => repeatedBadRow(10_000) },
  { name: 'xlsx zip bomb, 64 MB of blanks', extension: 'xlsx', make: () => xlsxWithSheet(sheetXml(memberRows(2), 64 * 1024 * 1024)) },
  { name: 'csv 300k bad rows (hostile)', extension: 'csv', make: () => text(csvOf(memberRows(300_000, { bad: true }))) },
]

/** In the child: one preview of the file at `file`, printed as one line. */
async function measure(name: string, file: string): Promise<void> {
  const bytes = new Uint8Array(readFileSync(file))
  const cloud = await LocalCloud.start({ dataDir: null, now: () => NOW, log: () => undefined })
  try {
    const db = cloud.db()
    const branch: Org = { _id: BRANCH_ID, kind: 'branch', name: '基准测试党支部', parentId: null, ancestorIds: [], category: 'student', isCombined: false, committeeTermStart: null, sortOrder: 0 }
    const secretary: Member = {
      _id: 'bench-secretary', name: '书记', number: 'S0000001', category: 'teacher', partyStatus: 'full', joinedAt: new Date('2000-06-30T16:00:00.000Z'),
      phone: null, branchId: BRANCH_ID, groupId: null, roles: ['secretary'], isLeadingCadre: false, isDualLeader: false, adminOrgIds: [], openid: SECRETARY_OPENID, active: true,
    }
    await db.collection(COLLECTIONS.orgs.name).add(branch)
    await db.collection(COLLECTIONS.members.name).add(secretary)
    const { fileId } = await cloud.storage.uploadFile(`imports/${BRANCH_ID}/${path.basename(file)}`, bytes)
    const baseline = process.memoryUsage().rss
    const started = performance.now()
    const result = await cloud.invoke('members', { action: 'importPreview', payload: { branchId: BRANCH_ID, fileId } }, SECRETARY_OPENID)
    const elapsed = performance.now() - started
    const peakMb = process.resourceUsage().maxRSS / 1024
    const answer = Buffer.byteLength(JSON.stringify(result))
    const outcome = result.ok ? 'previewed' : `refused: ${result.error.message.slice(0, 40)}`
    console.log(
      `${name.padEnd(36)} ${(bytes.length / 1024).toFixed(0).padStart(6)} KB  ${elapsed.toFixed(0).padStart(6)} ms  ` +
        `peak RSS ${peakMb.toFixed(0).padStart(5)} MB (before ${(baseline / 1024 / 1024).toFixed(0)} MB)  answer ${(answer / 1024).toFixed(1).padStart(8)} KB  ${outcome}`,
    )
  } finally {
    await cloud.close()
  }
}

async function main(): Promise<void> {
  const [, , caseName, file] = process.argv
  if (caseName && file) return measure(caseName, file)
  const folder = mkdtempSync(path.join(tmpdir(), 'zbt-bench-roster-'))
  try {
    for (const [index, { name, extension, make }] of CASES.entries()) {
      const target = path.join(folder, `case-${index}.${extension}`)
      writeFileSync(target, await make())
      const run = spawnSync(process.execPath, ['--import', 'tsx', __filename, name, target], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
      process.stdout.write(run.status === 0 ? run.stdout : `${name}: FAILED (exit ${run.status})\n`)
    }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
