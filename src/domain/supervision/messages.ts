import { linkTo } from '../messages/links'
import type { MessageDraft } from '../messages/model'
import type { Recipient } from '../messages/results'
import { subscribeTime, templateFields } from '../messages/templates'
import type { Supervision } from './model'

type Sent = Pick<Supervision, '_id' | 'branchId' | 'branchName' | 'target' | 'note' | 'fromOrgName' | 'createdAt'>

/** The 督办 reaching the branch (its secretary, and the committee member responsible for the topic). */
export function supervisionSentMessage(supervision: Sent, recipient: Recipient, timeZone: string): MessageDraft {
  return {
    ...recipient,
    kind: 'supervision',
    title: `督办：${supervision.target.title}`,
    body: `${supervision.fromOrgName}督办：${supervision.note}。请安排落实，并在督办页回复所安排的活动。`,
    link: linkTo('supervision', { id: supervision._id }),
    sourceKey: `supervision:${supervision._id}:sent`,
    fields: templateFields('supervision', [
      `督办：${supervision.target.title}`,
      supervision.note,
      supervision.fromOrgName,
      subscribeTime(supervision.createdAt, timeZone),
    ]),
  }
}

type Answered = Pick<Supervision, '_id' | 'branchName' | 'target' | 'answer' | 'answerCount'>

/** The secretary's answer, to the admin who sent the 督办. */
export function supervisionAnsweredMessage(supervision: Answered, recipient: Recipient, timeZone: string): MessageDraft {
  const answer = supervision.answer
  if (!answer) throw new Error('an answered 督办 has an answer')
  const arranged = [answer.activityTopic ? `安排活动「${answer.activityTopic}」` : null, answer.reply].filter(Boolean).join('；')
  return {
    ...recipient,
    kind: 'supervision',
    title: `督办已安排：${supervision.branchName}`,
    body: `${supervision.branchName}就${supervision.target.title}回复：${arranged}。`,
    link: linkTo('supervisions', { id: supervision._id }),
    sourceKey: `supervision:${supervision._id}:answer:${supervision.answerCount}`,
    fields: templateFields('supervision', [
      `督办：${supervision.target.title}`,
      `已安排：${arranged}`,
      supervision.branchName,
      subscribeTime(answer.answeredAt, timeZone),
    ]),
  }
}

type Resolved = Pick<Supervision, '_id' | 'branchName' | 'target' | 'resolvedAt'>

/** The requirement turned met: the 督办 is resolved, the admin is told. */
export function supervisionResolvedMessage(supervision: Resolved, recipient: Recipient, timeZone: string): MessageDraft {
  const at = supervision.resolvedAt
  if (!at) throw new Error('a resolved 督办 has its time')
  return {
    ...recipient,
    kind: 'supervision',
    title: `督办已解决：${supervision.branchName}`,
    body: `${supervision.branchName}${supervision.target.title}已达到要求，督办已解决。`,
    link: linkTo('supervisions', { id: supervision._id }),
    sourceKey: `supervision:${supervision._id}:resolved`,
    fields: templateFields('supervision', [`督办：${supervision.target.title}`, '已解决', supervision.branchName, subscribeTime(at, timeZone)]),
  }
}
