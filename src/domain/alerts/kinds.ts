import { AWAITING_EVIDENCE_LABEL } from '../compliance/labels'

/** The kinds of 预警 and their names: data only (the functions manifest and the README tables read them). */
export const ALERT_KINDS = ['requirement_due', 'evidence_overdue', 'study_hours_behind', 'term_due'] as const
export type AlertKind = (typeof ALERT_KINDS)[number]
export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  requirement_due: '组织生活临期',
  evidence_overdue: AWAITING_EVIDENCE_LABEL,
  study_hours_behind: '学时落后',
  term_due: '换届临近',
}
/** '组织生活临期、待补痕迹、学时落后、换届临近' (the README's template table, the functions table). */
export const ALERT_KINDS_TEXT = ALERT_KINDS.map((kind) => ALERT_KIND_LABELS[kind]).join('、')
