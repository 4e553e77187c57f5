import { linkTo, type LinkedPage } from './links'
import type { MessageDraft } from './model'
import { subscribeTime, templateFields } from './templates'

/** Who a message is for: a roster member (their 消息 center, and a push to their WeChat), or only a WeChat identity. */
export interface Recipient {
  memberId: string | null
  openid: string | null
  branchId: string | null
}

export type ResultSubject =
  | { kind: 'leave'; requestId: string; activityId: string; topic: string }
  | { kind: 'makeup'; requestId: string; activityId: string; topic: string }
  | { kind: 'self_study'; requestId: string; title: string }
  | { kind: 'binding'; requestId: string; memberName: string }

const SUBJECTS: Record<ResultSubject['kind'], { label: string; yes: string; no: string; page: LinkedPage }> = {
  leave: { label: '请假', yes: '已同意', no: '未同意', page: 'myRequests' },
  makeup: { label: '补学', yes: '已确认', no: '已退回', page: 'myRequests' },
  self_study: { label: '自学学时', yes: '已通过', no: '未通过', page: 'myHours' },
  binding: { label: '身份绑定', yes: '已通过', no: '未通过', page: 'home' },
}

/** What was asked for, as the start of a sentence and as a template thing. */
function describe(subject: ResultSubject, label: string): { sentence: string; thing: string } {
  switch (subject.kind) {
    case 'leave':
    case 'makeup':
      return { sentence: `您对「${subject.topic}」的${label}申请`, thing: `${label}：${subject.topic}` }
    case 'self_study':
      return { sentence: `您申报的自学学时「${subject.title}」`, thing: `${label}：${subject.title}` }
    case 'binding':
      return { sentence: `您以「${subject.memberName}」身份提交的绑定申请`, thing: `${label}：${subject.memberName}` }
  }
}

/** The decision on something a person asked for, as a message to them (审批结果). */
export function resultMessage(input: {
  recipient: Recipient
  subject: ResultSubject
  approved: boolean
  note: string | null
  at: Date
  timeZone: string
}): MessageDraft {
  const { subject, approved, note } = input
  const rule = SUBJECTS[subject.kind]
  const outcome = approved ? rule.yes : rule.no
  const { sentence, thing } = describe(subject, rule.label)
  // A turned-down binding leaves the person unbound: their way back is the binding page.
  const link = subject.kind === 'binding' && !approved ? linkTo('bind') : linkTo(rule.page)
  return {
    ...input.recipient,
    kind: 'result',
    title: `${rule.label}${outcome}`,
    body: `${sentence}${outcome}${note ? `。说明：${note}` : '。'}`,
    link,
    sourceKey: `result:${subject.kind}:${subject.requestId}`,
    fields: templateFields('result', [thing, outcome, note ?? '无', subscribeTime(input.at, input.timeZone)]),
  }
}
