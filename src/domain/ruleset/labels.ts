import { BRANCH_ROLE_LABELS } from '../model'
import type { Requirement, Ruleset, SpeakerRule } from './schema'

const PER_PERIOD: Record<Requirement['period'], string> = {
  month: '每月',
  quarter: '每季度',
  semester: '每学期',
  year: '每年',
}

export function activityTypeLabel(activityTypeId: string, ruleset: Pick<Ruleset, 'activityTypes'>): string {
  return ruleset.activityTypes[activityTypeId]?.label ?? activityTypeId
}

/** '书记', '组织委员或宣传委员', '党员领导干部', '书记或党员领导干部'. */
export function speakerLabel(speakers: Pick<SpeakerRule, 'roles' | 'leadingCadres'>): string {
  const names = [...speakers.roles.map((role) => BRANCH_ROLE_LABELS[role]), ...(speakers.leadingCadres ? ['党员领导干部'] : [])]
  return names.join('或') || '指定人员'
}

/**
 * '主题党日', '书记党课', '支委党课', '领导干部党课': the requirement's name where a grid row has room
 * for no more (the full rule is `describeRequirement`).
 */
export function requirementName(requirement: Pick<Requirement, 'activityTypeId' | 'speakers'>, ruleset: Pick<Ruleset, 'activityTypes'>): string {
  const label = activityTypeLabel(requirement.activityTypeId, ruleset)
  const { speakers } = requirement
  if (speakers === null) return label
  if (speakers.roles.length === 0) return `领导干部${label}`
  if (speakers.roles.length === 1 && !speakers.leadingCadres) return `${BRANCH_ROLE_LABELS[speakers.roles[0]]}${label}`
  return `支委${label}`
}

/**
 * '党小组会（每个党小组每月至少1次）', '党课（每名支委每年至少讲授1次）': built from the data, so it
 * stays true under every ruleset.
 */
export function describeRequirement(requirement: Requirement, ruleset: Pick<Ruleset, 'activityTypes'>): string {
  const { speakers } = requirement
  const fixedDay = requirement.fixedDayOfMonth === null ? '' : `，固定每月${requirement.fixedDayOfMonth}日`
  const label = activityTypeLabel(requirement.activityTypeId, ruleset)
  if (speakers?.each) {
    return `${label}（每名${speakerLabel(speakers)}${PER_PERIOD[requirement.period]}至少讲授${requirement.minCount}次${fixedDay}）`
  }
  const who = requirement.audience === 'group' ? '每个党小组' : requirement.audience === 'pairs' ? '每名党员' : ''
  const speaker = speakers === null ? '' : `${speakerLabel(speakers)}讲授，`
  const count = `${PER_PERIOD[requirement.period]}至少${requirement.minCount}次`
  return `${label}（${speaker}${who}${count}${fixedDay}）`
}
