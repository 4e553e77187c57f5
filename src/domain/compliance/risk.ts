import type { SummaryLine } from './summary'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * A requirement still short with a quarter of its period or less left (书记党课 0/1 with 30 days of
 * the year to go) is at risk: shown amber with its days left before it is 临期, so it does not
 * read as a calm 进行中.
 */
export const AT_RISK_SHARE_OF_PERIOD = 0.25

/** A line as stored (instants as dates) or as the app receives it (ISO strings). */
export type RiskLine = Pick<SummaryLine, 'status' | 'counted' | 'required' | 'daysLeft'> & {
  periodStart: Date | string
  periodEnd: Date | string
}

const msOf = (instant: Date | string) => new Date(instant).getTime()

export function isAtRisk(line: RiskLine): boolean {
  if (line.status !== 'open' || line.counted >= line.required) return false
  const periodDays = (msOf(line.periodEnd) - msOf(line.periodStart)) / DAY_MS
  return line.daysLeft <= periodDays * AT_RISK_SHARE_OF_PERIOD
}

/** What a branch owes now: lines 临期 and lines at risk. */
export function urgentCounts(lines: readonly RiskLine[]): { dueSoon: number; atRisk: number } {
  return { dueSoon: lines.filter((line) => line.status === 'due_soon').length, atRisk: lines.filter(isAtRisk).length }
}
