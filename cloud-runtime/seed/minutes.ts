import type { AttendanceState, MemberCategory } from '../../src/domain/model'
import type { ActivityKind, DemoActivity } from './activities'
import { formatChineseDay } from './beijing-time'

export type AttendanceTally = Record<AttendanceState, number>

const WORK_OF: Record<MemberCategory, string> = {
  teacher: '教学科研工作',
  student: '学习科研和成长成才',
  retired: '关心下一代工作',
}

const OPENING_OF: Record<ActivityKind, string> = {
  committee: '召开支部委员会会议',
  general: '召开支部党员大会',
  theme: '开展主题党日活动',
  group: '召开党小组会议',
  lecture: '举行专题党课',
  life: '召开专题组织生活会并开展民主评议党员',
}

interface MinutesContext {
  entry: DemoActivity
  work: string
  secretaryName: string
  attended: number
}

const lectureSentence = ({ entry }: MinutesContext): string =>
  `${entry.activity.speakerName}以“${entry.subject}”为题讲授党课，深入阐释了有关精神，与会党员认真聆听并做了学习笔记。`

const BODY_OF: Record<ActivityKind, (context: MinutesContext) => string> = {
  committee: ({ entry, secretaryName }) =>
    `会议${entry.subject}，逐项明确了责任人和完成时限；组织委员通报了本月党员学时完成情况。会议最后，${secretaryName}对下一阶段工作作了部署。`,
  general: ({ entry, secretaryName }) =>
    `会议${entry.subject.replaceAll(' ', '，')}。${secretaryName}要求全体党员严守党的纪律，按时参加组织生活，按期足额交纳党费。`,
  theme: (context) => {
    const { entry, work, secretaryName, attended } = context
    const study = entry.scene === 'memorial' ? '实地参观学习' : '集中学习了有关文件'
    const speakers = Math.max(1, Math.min(5, Math.floor(attended / 4)))
    return [
      `活动主题为“${entry.subject}”。党员们${study}，重温入党誓词，${speakers}名党员结合${work}交流了体会。`,
      entry.activity.speakerName ? lectureSentence(context) : '',
      `${secretaryName}强调，要把学习成果转化为推动${work}的实际成效。`,
    ].join('')
  },
  group: ({ entry, work }) =>
    `${entry.host.name}领学了有关文件，会议围绕“${entry.subject}”进行交流，与会党员逐一发言，结合${work}谈认识、找差距，明确了努力方向。`,
  lecture: (context) => `${lectureSentence(context)}${context.secretaryName}要求大家结合${context.work}学以致用。`,
  life: ({ secretaryName }) =>
    `${secretaryName}代表支部委员会作对照检查，党员逐一开展批评和自我批评，查摆问题、明确整改方向。会议按程序开展民主评议党员，经个人自评、党员互评和民主测评，评议结果报上级党组织备案。`,
}

/** 会议记录 as a secretary would type it, from the activity and its attendance. */
export function writeMinutes(entry: DemoActivity, tally: AttendanceTally): string {
  const { activity, roster, host } = entry
  const attended = tally.present + tally.late
  const expected = attended + tally.leave + tally.absent
  const when = `${formatChineseDay(entry.day)} ${entry.times.start}—${entry.times.end}`
  const organizer = entry.group?.name ?? roster.spec.name
  const lateNote = tally.late > 0 ? `（其中迟到${tally.late}人）` : ''
  const header = `${when}，${organizer}在${activity.place}${OPENING_OF[entry.kind]}，${host.name}主持。应到${expected}人，实到${attended}人${lateNote}，请假${tally.leave}人，缺席${tally.absent}人。`
  const context = { entry, work: WORK_OF[roster.spec.category], secretaryName: roster.secretary.name, attended }
  return header + BODY_OF[entry.kind](context)
}
