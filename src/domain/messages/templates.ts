import { ALERT_KINDS_TEXT } from '../alerts/kinds'
import { wallClockOf } from '../time'
import type { MessageKind } from './model'

/**
 * The subscribe-message template of each kind of message: the deployer picks a template in the
 * 公众平台 (订阅消息 → 公共模板库) with these keywords and gives its id in the environment variable.
 * Field keys are fixed here; the README's table is printed from this (npm run print:templates).
 */
export type FieldRule = 'thing' | 'time' | 'phrase'

export interface TemplateField {
  key: string
  /** The keyword's name in the template library. */
  name: string
  rule: FieldRule
}

export interface MessageTemplate {
  /** A template title to look for in the library. */
  title: string
  /** Environment variable of the messages function holding the template id. */
  envVar: string
  /** Which messages use it (Chinese, for the README). */
  usedFor: string
  fields: TemplateField[]
}

export const MESSAGE_TEMPLATES: Record<MessageKind, MessageTemplate> = {
  alert: {
    title: '工作预警提醒',
    envVar: 'ALERT_TEMPLATE_ID',
    usedFor: `${ALERT_KINDS_TEXT}（书记与负责的支委）`,
    fields: [
      { key: 'thing1', name: '预警事项', rule: 'thing' },
      { key: 'thing2', name: '处理建议', rule: 'thing' },
      { key: 'time3', name: '提醒时间', rule: 'time' },
    ],
  },
  supervision: {
    title: '督办事项通知',
    envVar: 'SUPERVISION_TEMPLATE_ID',
    usedFor: '党总支/党委发出督办（书记）、书记回复和督办解决（发出督办的管理员）',
    fields: [
      { key: 'thing1', name: '督办事项', rule: 'thing' },
      { key: 'thing2', name: '办理情况', rule: 'thing' },
      { key: 'thing3', name: '相关单位', rule: 'thing' },
      { key: 'time4', name: '时间', rule: 'time' },
    ],
  },
  result: {
    title: '审批结果通知',
    envVar: 'RESULT_TEMPLATE_ID',
    usedFor: '请假、补学、自学学时的审批结果，身份绑定的审核结果（申请人）',
    fields: [
      { key: 'thing1', name: '申请事项', rule: 'thing' },
      { key: 'phrase2', name: '审批结果', rule: 'phrase' },
      { key: 'thing3', name: '备注', rule: 'thing' },
      { key: 'time4', name: '审批时间', rule: 'time' },
    ],
  },
  report: {
    title: '工作通报提醒',
    envVar: 'REPORT_TEMPLATE_ID',
    usedFor: '每月 1 日的月度通报已生成（党总支、党委管理员）',
    fields: [
      { key: 'thing1', name: '通报名称', rule: 'thing' },
      { key: 'thing2', name: '通报摘要', rule: 'thing' },
      { key: 'time3', name: '生成时间', rule: 'time' },
    ],
  },
}

/** WeChat's limits (subscribeMessage.send): thing ≤ 20 characters, phrase ≤ 5 Chinese characters. */
const THING_MAX = 20
const PHRASE_PATTERN = /^[\u4e00-\u9fa5]{1,5}$/
const EMPTY_VALUE = '无'

function fitThing(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()]
  if (chars.length === 0) return EMPTY_VALUE
  return chars.length <= THING_MAX ? chars.join('') : `${chars.slice(0, THING_MAX - 1).join('')}…`
}

/** '2026年11月24日 08:00', the form WeChat's time keyword accepts. */
export function subscribeTime(instant: Date, timeZone: string): string {
  return wallClockOf(instant, timeZone).format('YYYY年M月D日 HH:mm')
}

/**
 * The template fields of a message, in the template's order, each fitted to WeChat's rule (a
 * thing is shortened, a phrase must already be one). Throws on a wrong count or a bad phrase:
 * that is a programming error, and WeChat would refuse the whole message.
 */
export function templateFields(kind: MessageKind, values: readonly string[]): Record<string, string> {
  const { fields } = MESSAGE_TEMPLATES[kind]
  if (values.length !== fields.length) throw new Error(`template ${kind} has ${fields.length} fields, got ${values.length}`)
  return Object.fromEntries(
    fields.map((field, index) => {
      const value = values[index]
      if (field.rule === 'phrase' && !PHRASE_PATTERN.test(value)) throw new Error(`template ${kind}: ${field.key} must be 1–5 Chinese characters`)
      return [field.key, field.rule === 'thing' ? fitThing(value) : value]
    }),
  )
}
