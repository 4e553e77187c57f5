/**
 * Benchmark of the compliance engine (not a test): `npx tsx bench/domain.ts`.
 *
 * Generates, from a fixed seed, 300 branches × 40 members × one year (2026) of
 * activities with realistic audiences (whole branch, 支委会, 党小组) and their
 * attendance, evidence and self-study, then assesses every branch: evaluation,
 * setup checks, study hours and the 达标 sheet. Prints generation time,
 * assessment time and memory.
 */
import { assessBranch } from '../src/domain/compliance'
import type { BranchAssessment } from '../src/domain/compliance'
import { singleRuleset } from '../src/domain/ruleset/timeline'
import { AS_OF, BRANCH_COUNT, generateUniversity, ruleset, YEAR, type BranchData } from './university'

const TARGET_MS = 2000

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`
}

function main() {
  const memoryBefore = process.memoryUsage()
  const generationStart = performance.now()
  const branches = generateUniversity()
  const generationMs = performance.now() - generationStart
  const memoryAfterGeneration = process.memoryUsage()

  const evaluationStart = performance.now()
  const cpuBefore = process.cpuUsage()
  const rules = singleRuleset(ruleset)
  const assessments: BranchAssessment[] = branches.map((data) => assessBranch({ ...data, rules, asOf: AS_OF, year: YEAR }))
  const cpu = process.cpuUsage(cpuBefore)
  const evaluationMs = performance.now() - evaluationStart
  // Process CPU time: includes V8's background compiler and GC threads, so it can exceed the wall time.
  const evaluationCpuMs = (cpu.user + cpu.system) / 1000
  const memoryAfterEvaluation = process.memoryUsage()

  const count = (select: (data: BranchData) => number) => branches.reduce((sum, data) => sum + select(data), 0)
  const activities = count((data) => data.activities.length)
  const attendanceRows = count((data) => data.attendance.length)
  const lights = { green: 0, amber: 0, red: 0 }
  const grades: Record<string, number> = {}
  for (const { evaluation, sheet } of assessments) {
    lights[evaluation.light] += 1
    grades[sheet.gradeLabel] = (grades[sheet.gradeLabel] ?? 0) + 1
  }

  const table: [string, string][] = [
    ['branches', String(BRANCH_COUNT)],
    ['members', String(count((data) => data.members.length))],
    ['activities', `${activities} (${(activities / BRANCH_COUNT).toFixed(1)} per branch)`],
    ['attendance rows', String(attendanceRows)],
    ['evidence rows', String(count((data) => data.evidence.length))],
    ['requirement lines', String(assessments.reduce((sum, item) => sum + item.evaluation.lines.length, 0))],
    ['generation', `${generationMs.toFixed(0)} ms`],
    ['assessment (all branches)', `${evaluationMs.toFixed(0)} ms${evaluationMs <= TARGET_MS ? '' : `  (over the ${TARGET_MS} ms target)`}`],
    ['assessment CPU time (user + system)', `${evaluationCpuMs.toFixed(0)} ms`],
    ['assessment per branch', `${(evaluationMs / BRANCH_COUNT).toFixed(2)} ms`],
    ['heapUsed before / generated / assessed', `${megabytes(memoryBefore.heapUsed)} / ${megabytes(memoryAfterGeneration.heapUsed)} / ${megabytes(memoryAfterEvaluation.heapUsed)}`],
    ['rss before / generated / assessed', `${megabytes(memoryBefore.rss)} / ${megabytes(memoryAfterGeneration.rss)} / ${megabytes(memoryAfterEvaluation.rss)}`],
    ['lights green / amber / red', `${lights.green} / ${lights.amber} / ${lights.red}`],
    ['grades', Object.entries(grades).map(([grade, total]) => `${grade} ${total}`).join(', ')],
  ]
  const width = Math.max(...table.map(([label]) => label.length))
  for (const [label, value] of table) console.log(`${label.padEnd(width)}  ${value}`)
}

main()
