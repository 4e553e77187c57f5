export {
  SUPERVISION_NOTE_MAX,
  SUPERVISION_REPLY_MAX,
  SUPERVISION_STATES,
  SUPERVISION_STATE_LABELS,
  supervisionAnswerSchema,
  supervisionSchema,
  supervisionStateSchema,
  supervisionTargetSchema,
} from './model'
export type { Supervision, SupervisionAnswer, SupervisionState, SupervisionTarget } from './model'
export { supervisionAnsweredMessage, supervisionResolvedMessage, supervisionSentMessage } from './messages'
export { canAnswer, isTargetMet, sameTarget, supervisionTargets, targetKey, viewedState } from './rules'
export type { SupervisedSummary, TargetOption } from './rules'
