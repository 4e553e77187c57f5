import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'
import { PNG } from 'pngjs'
import { COMMITTEE_ROLES, type Activity, type Member } from '../../../src/domain/model'
import {
  DEMO_COLLECTIONS,
  DEMO_DOCUMENT_SCHEMAS,
  generateDemoData,
  type DemoData,
  type DemoFile,
} from '../../../cloud-runtime/seed/demo-data'

dayjs.extend(utc)
dayjs.extend(timezone)

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const beijing = (instant: Date): dayjs.Dayjs => dayjs(instant).tz('Asia/Shanghai')
const beijingMonth = (instant: Date): string => beijing(instant).format('YYYY-MM')

/** Late in an autumn semester (Thursday noon in Beijing), early in a spring one, and late in a spring one that began on a Saturday. */
const NOW_AUTUMN = new Date('2025-11-20T04:00:00Z')
const NOW_SPRING = new Date('2026-03-02T01:30:00Z')
const NOW_SUMMER = new Date('2025-06-18T02:00:00Z')

describe('generateDemoData', () => {
  it('is deterministic for the same now and seed, and varies with the seed', () => {
    const { photos: firstPhotos, ...first } = generateDemoData({ now: NOW_AUTUMN, seed: 7 })
    const { photos: secondPhotos, ...second } = generateDemoData({ now: NOW_AUTUMN, seed: 7 })
    expect(second).toEqual(first)
    // Byte by byte, jest's deep equality takes seconds on these images.
    const fingerprint = (photo: DemoFile): string => `${photo.cloudPath}:${Buffer.from(photo.bytes).toString('base64')}`
    expect(secondPhotos.map(fingerprint)).toEqual(firstPhotos.map(fingerprint))
    const other = generateDemoData({ now: NOW_AUTUMN, seed: 8 })
    expect(other.members.map((member) => member.name)).not.toEqual(first.members.map((member) => member.name))
  })

  describe.each([
    ['autumn', NOW_AUTUMN],
    ['spring', NOW_SPRING],
    ['summer', NOW_SUMMER],
  ])('in the %s semester', (_, now) => {
    const data: DemoData = generateDemoData({ now })
    const membersById = new Map(data.members.map((member) => [member._id, member]))
    const activitiesById = new Map(data.activities.map((activity) => [activity._id, activity]))
    const branches = data.orgs.filter((org) => org.kind === 'branch')
    const membersOf = (branchId: string): Member[] => data.members.filter((member) => member.branchId === branchId)
    const fullMembersOf = (branchId: string): Member[] => membersOf(branchId).filter((member) => member.partyStatus === 'full')
    const expectedAudience = (activity: Activity): string[] => {
      const members = membersOf(activity.branchId).filter((member) => member.active)
      const { audience } = activity
      if (audience.kind === 'committee') {
        return members.filter((member) => member.roles.some((role) => COMMITTEE_ROLES.includes(role))).map((member) => member._id)
      }
      if (audience.kind === 'group') return members.filter((member) => member.groupId === audience.groupId).map((member) => member._id)
      return members.map((member) => member._id)
    }

    it('passes the stored schemas', () => {
      for (const collection of DEMO_COLLECTIONS) {
        for (const document of data[collection]) expect(DEMO_DOCUMENT_SCHEMAS[collection].safeParse(document).error).toBeUndefined()
      }
    })

    it('builds a 党委 with two 党总支, six 党支部 and their 党小组', () => {
      const byKind = (kind: string): number => data.orgs.filter((org) => org.kind === kind).length
      expect([byKind('party_committee'), byKind('general_branch'), byKind('branch')]).toEqual([1, 2, 6])
      expect(byKind('group')).toBeGreaterThanOrEqual(3)
      const orgsById = new Map(data.orgs.map((org) => [org._id, org]))
      expect(orgsById.size).toBe(data.orgs.length)
      for (const org of data.orgs) {
        const chain: string[] = []
        for (let parentId = org.parentId; parentId; parentId = orgsById.get(parentId)?.parentId ?? null) chain.unshift(parentId)
        expect(org.ancestorIds).toEqual(chain)
      }
      for (const group of data.orgs.filter((org) => org.kind === 'group')) {
        expect(orgsById.get(group.parentId ?? '')?.kind).toBe('branch')
      }
    })

    it('has one small 联合党支部 and regular branches of at least three 正式党员', () => {
      const combined = branches.filter((branch) => branch.isCombined)
      expect(combined).toHaveLength(1)
      expect(fullMembersOf(combined[0]._id).length).toBeLessThan(3)
      for (const branch of branches.filter((org) => !org.isCombined)) {
        expect(fullMembersOf(branch._id).length).toBeGreaterThanOrEqual(3)
        expect(membersOf(branch._id).length).toBeLessThanOrEqual(50)
      }
    })

    it('has about 120 members with unique numbers and dev openids', () => {
      expect(data.members.length).toBeGreaterThanOrEqual(110)
      expect(data.members.length).toBeLessThanOrEqual(130)
      expect(new Set(data.members.map((member) => member.number)).size).toBe(data.members.length)
      expect(new Set(data.members.map((member) => member.name)).size).toBe(data.members.length)
      for (const member of data.members) {
        expect(member.openid).toBe(`dev-${member.number}`)
        expect(member.phone).toMatch(/^1\d{10}$/)
        expect(member.number).toMatch(member.category === 'student' ? /^20\d{8}$/ : /^T\d{7}$/)
        expect(member.active).toBe(true)
        const branch = branches.find((org) => org._id === member.branchId)
        expect(member.category).toBe(branch?.category)
        if (member.groupId) expect(data.orgs.find((org) => org._id === member.groupId)?.parentId).toBe(member.branchId)
        if (member.roles.length > 0) expect(member.partyStatus).toBe('full')
        expect(member.joinedAt.getTime()).toBeLessThan(now.getTime())
      }
      expect(data.members.filter((member) => member.partyStatus === 'probationary').length).toBeGreaterThan(10)
    })

    it('gives every branch one secretary and a committee exactly where it has at least seven 正式党员', () => {
      for (const branch of branches) {
        const members = membersOf(branch._id)
        expect(members.filter((member) => member.roles.includes('secretary'))).toHaveLength(1)
        const hasCommittee = fullMembersOf(branch._id).length >= 7
        expect(branch.committeeTermStart instanceof Date).toBe(hasCommittee)
        for (const role of ['organization', 'publicity', 'discipline'] as const) {
          expect(members.filter((member) => member.roles.includes(role))).toHaveLength(hasCommittee ? 1 : 0)
        }
      }
      for (const group of data.orgs.filter((org) => org.kind === 'group')) {
        const leaders = data.members.filter((member) => member.groupId === group._id && member.roles.includes('group_leader'))
        expect(leaders).toHaveLength(1)
      }
    })

    it('has one committee whose three-year term ends within two months', () => {
      const termEnds = branches
        .flatMap((branch) => (branch.committeeTermStart ? [dayjs(branch.committeeTermStart).add(3, 'year').toDate()] : []))
        .filter((end) => end > now && end.getTime() - now.getTime() <= 60 * DAY)
      expect(termEnds).toHaveLength(1)
    })

    it('names demo administrators, leading cadres and exactly one 双带头人 teacher secretary', () => {
      const rootId = data.orgs.find((org) => org.kind === 'party_committee')?._id ?? ''
      const rootAdmins = data.members.filter((member) => member.adminOrgIds.includes(rootId))
      expect(rootAdmins).toHaveLength(1)
      expect(rootAdmins[0].category).toBe('teacher')
      for (const generalBranch of data.orgs.filter((org) => org.kind === 'general_branch')) {
        expect(data.members.filter((member) => member.adminOrgIds.includes(generalBranch._id))).toHaveLength(1)
      }
      expect(data.members.filter((member) => member.isLeadingCadre).every((member) => member.category === 'teacher')).toBe(true)
      expect(data.members.filter((member) => member.isLeadingCadre).length).toBeGreaterThanOrEqual(2)
      const teacherSecretaries = data.members.filter((member) => member.category === 'teacher' && member.roles.includes('secretary'))
      expect(teacherSecretaries.map((member) => member.isDualLeader).sort()).toEqual([false, true])
      expect(data.members.filter((member) => member.isDualLeader)).toHaveLength(1)
    })

    it('only references documents that exist', () => {
      for (const activity of data.activities) {
        expect(membersById.get(activity.createdBy)?.roles).toContain('secretary')
        expect(membersById.get(activity.createdBy)?.branchId).toBe(activity.branchId)
        if (activity.speakerMemberId) expect(membersById.get(activity.speakerMemberId)?.name).toBe(activity.speakerName)
      }
      for (const record of data.attendance) {
        expect(activitiesById.get(record.activityId)?.branchId).toBe(record.branchId)
        expect(membersById.get(record.memberId)?.branchId).toBe(record.branchId)
        expect(record._id).toBe(`${record.activityId}_${record.memberId}`)
        if (record.recordedBy) expect(membersById.has(record.recordedBy)).toBe(true)
      }
      for (const evidence of data.evidence) {
        expect(activitiesById.get(evidence.activityId)?.branchId).toBe(evidence.branchId)
        expect(membersById.get(evidence.uploadedBy)?.branchId).toBe(evidence.branchId)
      }
      for (const record of data.studyRecords) {
        expect(membersById.get(record.memberId)?.branchId).toBe(record.branchId)
        if (record.reviewedBy) expect(membersById.get(record.reviewedBy)?.roles).toContain('secretary')
      }
      const ids = [...data.activities, ...data.attendance, ...data.evidence, ...data.studyRecords].map((document) => document._id)
      expect(new Set(ids).size).toBe(ids.length)
    })

    it('keeps attendance to closed activities, one record per expected member', () => {
      const recordsByActivity = new Map<string, string[]>()
      for (const record of data.attendance) {
        recordsByActivity.set(record.activityId, [...(recordsByActivity.get(record.activityId) ?? []), record.memberId])
      }
      for (const activity of data.activities) {
        const recorded = recordsByActivity.get(activity._id) ?? []
        if (activity.status === 'closed') expect([...recorded].sort()).toEqual(expectedAudience(activity).sort())
        else expect(recorded).toEqual([])
      }
      const states = new Set(data.attendance.map((record) => record.state))
      expect([...states].sort()).toEqual(['absent', 'late', 'leave', 'present'])
      const madeUp = data.attendance.filter((record) => record.makeupConfirmedAt)
      expect(madeUp.length).toBeGreaterThanOrEqual(1)
      expect(madeUp.length).toBeLessThanOrEqual(2)
      expect(madeUp.every((record) => record.state === 'absent' && (record.makeupConfirmedAt ?? now) < now)).toBe(true)
      const attended = data.attendance.filter((record) => record.state === 'present' || record.state === 'late')
      expect(attended.length / data.attendance.length).toBeGreaterThan(0.8)
    })

    it('keeps times consistent', () => {
      for (const activity of data.activities) {
        const start = activity.startAt.getTime()
        const end = activity.endAt.getTime()
        expect(start).toBeLessThan(end)
        expect(activity.checkinOpensAt.getTime()).toBe(start - 30 * MINUTE)
        expect(activity.checkinClosesAt.getTime()).toBe(end + 30 * MINUTE)
        expect(activity.creditHours).toBe(Math.floor(((end - start) / (60 * MINUTE)) * 2) / 2)
        expect(activity.createdAt.getTime()).toBeLessThan(Math.min(start, now.getTime()))
        expect(beijing(activity.startAt).hour()).toBeGreaterThanOrEqual(8)
        expect(beijing(activity.endAt).hour()).toBeLessThanOrEqual(18)
        expect([1, 2, 3, 4, 5]).toContain(beijing(activity.startAt).day())
        if (activity.status === 'closed') {
          expect(activity.closedAt?.getTime()).toBeGreaterThan(end)
          expect(activity.closedAt?.getTime()).toBeLessThanOrEqual(now.getTime())
        } else {
          expect(activity.closedAt).toBeNull()
          expect(start).toBeLessThanOrEqual(now.getTime() + 14 * DAY)
        }
      }
      for (const record of data.attendance) {
        const activity = activitiesById.get(record.activityId)
        if (!activity) throw new Error(`no activity ${record.activityId}`)
        if (record.state === 'present' || record.state === 'late') {
          const signedInAt = record.signedInAt?.getTime() ?? Number.NaN
          expect(signedInAt).toBeGreaterThanOrEqual(activity.checkinOpensAt.getTime())
          expect(signedInAt).toBeLessThanOrEqual(activity.checkinClosesAt.getTime())
          expect(signedInAt > activity.startAt.getTime() + 10 * MINUTE).toBe(record.state === 'late')
        } else {
          expect(record.signedInAt).toBeNull()
          expect(record.method).toBe(record.state === 'leave' ? 'leave' : 'close')
        }
      }
    })

    it('stores Beijing wall-clock times as UTC instants', () => {
      const themeDay = data.activities.find((activity) => activity.types.includes('theme_day'))
      expect(themeDay && beijing(themeDay.startAt).format('HH:mm')).toBe('14:00')
      expect(themeDay?.startAt.toISOString()).toMatch(/T06:00:00\.000Z$/)
    })

    it('covers the semester so far (at least three months) and the next two weeks', () => {
      const earliest = Math.min(...data.activities.map((activity) => activity.startAt.getTime()))
      expect(earliest).toBeLessThanOrEqual(now.getTime() - 85 * DAY)
      const upcoming = data.activities.filter((activity) => activity.status === 'scheduled' && activity.startAt > now)
      expect(upcoming.length).toBeGreaterThanOrEqual(3)
      const types = new Set(data.activities.flatMap((activity) => activity.types))
      for (const type of ['theme_day', 'committee_meeting', 'group_meeting', 'party_congress', 'party_lecture']) {
        expect(types).toContain(type)
      }
      const combined = data.activities.filter((activity) => activity.types.includes('theme_day') && activity.types.includes('party_lecture'))
      expect(combined).toHaveLength(1)
      const lecturesBySecretaries = data.activities.filter(
        (activity) => activity.types.includes('party_lecture') && membersById.get(activity.speakerMemberId ?? '')?.roles.includes('secretary'),
      )
      expect(new Set(lecturesBySecretaries.map((activity) => activity.branchId)).size).toBeGreaterThanOrEqual(2)
    })

    it('leaves exactly one branch without a 主题党日 last month', () => {
      const currentMonth = beijingMonth(now)
      const pastMonths = [...new Set(data.activities.map((activity) => beijingMonth(activity.startAt)))].filter(
        (month) => month < currentMonth,
      )
      const missed = branches.flatMap((branch) => {
        const held = new Set(
          data.activities
            .filter((activity) => activity.branchId === branch._id && activity.status === 'closed' && activity.types.includes('theme_day'))
            .map((activity) => beijingMonth(activity.startAt)),
        )
        return pastMonths.filter((month) => !held.has(month)).map((month) => ({ branchId: branch._id, month }))
      })
      expect(missed).toEqual([{ branchId: 'org-cs-undergrad', month: beijingMonth(dayjs(now).subtract(1, 'month').toDate()) }])
    })

    it('files photos and minutes for closed activities, except a couple still waiting for them', () => {
      const evidenceOf = (activityId: string, kind: string): number =>
        data.evidence.filter((evidence) => evidence.activityId === activityId && evidence.kind === kind).length
      const closed = data.activities.filter((activity) => activity.status === 'closed')
      const waiting = closed.filter((activity) => evidenceOf(activity._id, 'photo') === 0 && evidenceOf(activity._id, 'minutes') === 0)
      expect(waiting).toHaveLength(2)
      expect(new Set(waiting.map((activity) => activity.branchId)).size).toBe(1)
      for (const activity of closed.filter((candidate) => !waiting.includes(candidate))) {
        expect(evidenceOf(activity._id, 'photo')).toBeGreaterThanOrEqual(1)
        expect(evidenceOf(activity._id, 'minutes')).toBe(1)
      }
      for (const evidence of data.evidence) {
        expect(activitiesById.get(evidence.activityId)?.status).toBe('closed')
        expect(evidence.review).toBe('pass')
        if (evidence.kind === 'minutes') expect(evidence.text).toMatch(/应到\d+人，实到\d+人/)
        else expect(evidence.fileId).toMatch(new RegExp(`^cloud://local/evidence/${evidence.branchId}/${evidence.activityId}/\\d\\.png$`))
      }
    })

    it('ships a few distinct PNG images for every referenced file', () => {
      const paths = new Set(data.photos.map((photo) => `cloud://local/${photo.cloudPath}`))
      expect(paths.size).toBe(data.photos.length)
      const referenced = [...data.evidence.map((evidence) => evidence.fileId), ...data.studyRecords.map((record) => record.proofFileId)]
      for (const fileId of referenced) if (fileId) expect(paths).toContain(fileId)
      const images = [...new Set(data.photos.map((photo) => photo.bytes))]
      expect(images.length).toBeGreaterThanOrEqual(3)
      expect(images.length).toBeLessThanOrEqual(4)
      for (const image of images) {
        const png = PNG.sync.read(Buffer.from(image))
        expect([png.width, png.height]).toEqual([320, 240])
      }
    })

    it('has approved and pending self-study', () => {
      const statuses = data.studyRecords.map((record) => record.status)
      expect(statuses).toContain('approved')
      expect(statuses).toContain('pending')
      for (const record of data.studyRecords) {
        expect(record.reviewedBy === null).toBe(record.status === 'pending')
        expect(record.studiedAt.getTime()).toBeLessThan(now.getTime())
      }
    })
  })
})
