export { LINKED_PAGES, linkTo } from './links'
export type { LinkedPage } from './links'
export {
  MAX_SUBSCRIPTIONS_KEPT,
  MESSAGE_KINDS,
  MESSAGE_KIND_LABELS,
  PUSH_STATUSES,
  PUSH_STATUS_LABELS,
  messageIdSource,
  messageKindSchema,
  messageSchema,
  pushStatusSchema,
  subscriptionSchema,
} from './model'
export type { Message, MessageDraft, MessageKind, PushStatus, Subscription } from './model'
export { SUBSCRIBE_MOMENTS } from './kinds'
export type { SubscribeMoment } from './kinds'
export { MESSAGE_TEMPLATES, subscribeTime, templateFields } from './templates'
export type { FieldRule, MessageTemplate, TemplateField } from './templates'
export { resultMessage } from './results'
export type { Recipient, ResultSubject } from './results'
