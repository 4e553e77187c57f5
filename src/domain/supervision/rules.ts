import type { SummaryLine } from '../compliance/summary'
import type { EvidenceGap } from '../compliance/evaluate'
import { AWAITING_EVIDENCE_LABEL } from '../compliance/labels'
import type { Supervision, SupervisionState, SupervisionTarget } from './model'

/** The parts of a branch's stored summary a 督办 is read from and resolved by. */
export interface SupervisedSummary {
  year: number
  light: 'green' | 'amber' | 'red'
  lines: readonly Pick<
    SummaryLine,
    'requirementId' | 'label' | 'periodKey' | 'periodLabel' | 'groupName' | 'status' | 'statusLabel' | 'required' | 'counted' | 'countedActivityIds'
  >[]
  awaitingEvidence: readonly Pick<EvidenceGap, 'activityId' | 'topic'>[]
}

export interface TargetOption {
  target: SupervisionTarget
  /** '未完成' / '临期' / '待补痕迹' */
  statusLabel: string
}

const groupPart = (groupName: string | null) => (groupName ? ` ${groupName}` : '')

/**
 * What a branch can be pressed about: each requirement its summary shows missed or 临期, each held
 * activity 待补痕迹 (the reasons of its red or amber light), missed first.
 */
export function supervisionTargets(summary: SupervisedSummary, activityTypeOf: (requirementId: string) => string): TargetOption[] {
  const lines = summary.lines
    .filter((line) => line.status === 'missed' || line.status === 'due_soon')
    .sort((a, b) => (a.status === b.status ? 0 : a.status === 'missed' ? -1 : 1))
    .map((line) => ({
      target: {
        kind: 'requirement' as const,
        requirementId: line.requirementId,
        periodKey: line.periodKey,
        groupName: line.groupName,
        activityTypeId: activityTypeOf(line.requirementId),
        title: `${line.periodLabel}${groupPart(line.groupName)}「${line.label}」`,
      },
      statusLabel: line.statusLabel,
    }))
  const gaps = summary.awaitingEvidence.map((gap) => ({
    target: { kind: 'evidence' as const, activityId: gap.activityId, title: `「${gap.topic}」${AWAITING_EVIDENCE_LABEL}` },
    statusLabel: AWAITING_EVIDENCE_LABEL,
  }))
  return [...lines, ...gaps]
}

/** Identifies a target of a branch: two open 督办 on one target are one too many. */
export function targetKey(branchId: string, target: SupervisionTarget): string {
  return target.kind === 'requirement'
    ? `${branchId}|requirement|${target.requirementId}|${target.periodKey}|${target.groupName ?? ''}`
    : `${branchId}|evidence|${target.activityId}`
}

export function sameTarget(a: SupervisionTarget, b: SupervisionTarget): boolean {
  return targetKey('', a) === targetKey('', b)
}

/**
 * Whether what the 督办 is about is met now, by the branch's stored summaries (those of the 督办's
 * year and of the answering activity's year): the requirement's line counts enough, or the
 * activity the secretary answered with counts for that requirement (a missed month is made good
 * by the meeting held to answer it); the activity 待补痕迹 is no longer waiting.
 */
export function isTargetMet(supervision: Pick<Supervision, 'target' | 'answer' | 'year'>, summaries: readonly SupervisedSummary[]): boolean {
  const { target } = supervision
  if (target.kind === 'evidence') {
    const own = summaries.find((summary) => summary.year === supervision.year)
    return own !== undefined && !own.awaitingEvidence.some((gap) => gap.activityId === target.activityId)
  }
  const lines = summaries.flatMap((summary) => summary.lines).filter((line) => line.requirementId === target.requirementId)
  const line = lines.find((candidate) => candidate.periodKey === target.periodKey && candidate.groupName === target.groupName)
  if (line && line.counted >= line.required) return true
  const answered = supervision.answer?.activityId
  // `?? []`: summaries computed before they stored the counted activities.
  return answered != null && lines.some((candidate) => (candidate.countedActivityIds ?? []).includes(answered))
}

/** The secretary opened it: 已发送 → 已查看 (later states stay). */
export function viewedState(state: SupervisionState): SupervisionState {
  return state === 'sent' ? 'viewed' : state
}

/** An answer may come (and be replaced) until it is resolved. */
export function canAnswer(state: SupervisionState): boolean {
  return state !== 'resolved'
}
