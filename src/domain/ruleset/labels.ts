import { BRANCH_ROLE_LABELS } from '../model'
import type { Requirement, Ruleset } from './schema'

const PER_PERIOD: Record<Requirement['period'], string> = {
  month: '每月',
  quarter: '每季度',
  semester: '每学期',
  year: '每年',
}

export function activityTypeLabel(activityTypeId: string, ruleset: Pick<Ruleset, 'activityTypes'>): string {
  return ruleset.activityTypes[activityTypeId]?.label ?? activityTypeId
}

/** '党小组会（每个党小组每月至少1次）': built from the data, so it stays true under overrides. */
export function describeRequirement(requirement: Requirement, ruleset: Pick<Ruleset, 'activityTypes'>): string {
  const who = requirement.audience === 'group' ? '每个党小组' : requirement.audience === 'pairs' ? '每名党员' : ''
  const speaker = requirement.speakerRole === null ? '' : `${BRANCH_ROLE_LABELS[requirement.speakerRole]}讲授，`
  const fixedDay = requirement.fixedDayOfMonth === null ? '' : `，固定每月${requirement.fixedDayOfMonth}日`
  const count = `${PER_PERIOD[requirement.period]}至少${requirement.minCount}次`
  return `${activityTypeLabel(requirement.activityTypeId, ruleset)}（${speaker}${who}${count}${fixedDay}）`
}
