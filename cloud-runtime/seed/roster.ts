import { COMMITTEE_ROLES, type BranchRole, type Member, type PartyStatus } from '../../src/domain/model'
import { atBeijingTime, DAY_MS } from './beijing-time'
import type { DemoClock } from './clock'
import {
  BRANCH_SPECS,
  branchOrgId,
  groupOrgIds,
  type BranchSpec,
  type Leadership,
  type NamedPerson,
  type StudentProgram,
} from './org-tree'
import type { Random } from './random'
import { MOBILE_PREFIXES, SENIOR_GIVEN_NAMES, STUDENT_GIVEN_NAMES, SURNAMES } from './texts'

export interface PartyGroup {
  id: string
  name: string
  members: Member[]
  leader: Member
}

export interface BranchRoster {
  spec: BranchSpec
  id: string
  members: Member[]
  secretary: Member
  deputy: Member | null
  /** Who files photos and minutes: the 宣传委员 where there is one. */
  recorder: Member
  groups: PartyGroup[]
}

const MONTH_MS = 30 * DAY_MS

export function buildRosters(clock: DemoClock, random: Random): BranchRoster[] {
  const registry = new UniversityRegistry(random)
  for (const spec of BRANCH_SPECS) {
    for (const person of [spec.secretary, ...spec.otherNamedMembers]) registry.reserve(person)
  }
  return BRANCH_SPECS.map((spec) => buildBranchRoster(spec, clock, registry))
}

/** Offices besides the secretary. */
function officerRolesOf(leadership: Leadership): readonly BranchRole[] {
  if (leadership.kind === 'committee') return ['deputy_secretary', 'organization', 'publicity', 'discipline']
  return leadership.withDeputy ? ['deputy_secretary'] : []
}

interface Seat {
  person: NamedPerson | null
  partyStatus: PartyStatus
  roles: BranchRole[]
  groupIndex: number | null
}

/**
 * Seats first, people second: the secretary, then named people, then officers and
 * ordinary members; everyone of a branch with groups sits in one group.
 */
function planSeats(spec: BranchSpec): Seat[] {
  const groupCount = spec.groupNames.length
  const officerRoles = officerRolesOf(spec.leadership)
  const named = [spec.secretary, ...spec.otherNamedMembers]
  const rolesOfSeat = (index: number): BranchRole[] => {
    if (index === 0) return ['secretary']
    const officerRole = officerRoles[index - named.length]
    return officerRole ? [officerRole] : []
  }
  const seats = Array.from({ length: spec.fullMembers + spec.probationaryMembers }, (_, index): Seat => ({
    person: named[index] ?? null,
    partyStatus: index < spec.fullMembers ? 'full' : 'probationary',
    roles: rolesOfSeat(index),
    groupIndex: groupCount > 0 ? index % groupCount : null,
  }))
  for (let groupIndex = 0; groupIndex < groupCount; groupIndex++) {
    const leader = seats.find(
      (seat) => seat.groupIndex === groupIndex && seat.partyStatus === 'full' && seat.person === null && seat.roles.length === 0,
    )
    if (!leader) throw new Error(`${spec.name}: no one left to lead group ${groupIndex + 1}`)
    leader.roles.push('group_leader')
  }
  return seats
}

function buildBranchRoster(spec: BranchSpec, clock: DemoClock, registry: UniversityRegistry): BranchRoster {
  const branchId = branchOrgId(spec)
  const groupIds = groupOrgIds(spec)
  const members = planSeats(spec).map((seat, index): Member => {
    const identity = registry.identify(spec, seat, clock)
    return {
      _id: `mem-${spec.key}-${String(index + 1).padStart(2, '0')}`,
      name: identity.name,
      number: identity.number,
      category: spec.category,
      partyStatus: seat.partyStatus,
      joinedAt: identity.joinedAt,
      phone: registry.newPhone(),
      branchId,
      groupId: seat.groupIndex === null ? null : groupIds[seat.groupIndex],
      roles: seat.roles,
      isLeadingCadre: seat.person?.isLeadingCadre ?? false,
      isDualLeader: index === 0 && spec.secretaryIsDualLeader,
      adminOrgIds: seat.person?.adminOrgIds ?? [],
      openid: `dev-${identity.number}`,
      active: true,
    }
  })
  const holderOf = (role: BranchRole): Member | undefined => members.find((member) => member.roles.includes(role))
  const secretary = members[0]
  return {
    spec,
    id: branchId,
    members,
    secretary,
    deputy: holderOf('deputy_secretary') ?? null,
    recorder: holderOf('publicity') ?? secretary,
    groups: groupIds.map((groupId, index) => {
      const groupMembers = members.filter((member) => member.groupId === groupId)
      const leader = groupMembers.find((member) => member.roles.includes('group_leader'))
      if (!leader) throw new Error(`${spec.groupNames[index]} has no leader`)
      return { id: groupId, name: spec.groupNames[index], members: groupMembers, leader }
    }),
  }
}

export function isCommitteeMember(member: Member): boolean {
  return member.roles.some((role) => COMMITTEE_ROLES.includes(role))
}

interface Identity {
  name: string
  number: string
  joinedAt: Date
}

/** Hands out names, 学号/工号 and phone numbers that are unique across the university. */
class UniversityRegistry {
  private readonly names = new Set<string>()
  private readonly numbers = new Set<string>()
  private readonly phones = new Set<string>()
  private readonly lastSequence = new Map<string, number>()

  constructor(private readonly random: Random) {}

  /** Named people keep their name and number: generated people must not take them first. */
  reserve(person: NamedPerson): void {
    this.names.add(person.name)
    if (person.number) this.numbers.add(person.number)
  }

  identify(spec: BranchSpec, seat: Seat, clock: DemoClock): Identity {
    const { enrollment } = spec
    const name = seat.person?.name ?? this.newName(enrollment.kind === 'student')
    const probationJoinedAt = (): Date =>
      this.randomDay(
        clock.now.getTime() - 11 * MONTH_MS,
        atBeijingTime({ ...clock.historyStart, day: 1 }).getTime() - 7 * DAY_MS,
      )
    if (enrollment.kind === 'staff') {
      const number =
        seat.person?.number ??
        this.newNumber(`T${clock.today.year - this.random.int(...enrollment.hiredYearsAgo)}`)
      const hiredAt = Date.UTC(Number(number.slice(1, 5)), 6, 1)
      const joinedAt =
        seat.partyStatus === 'probationary'
          ? probationJoinedAt()
          : this.randomDay(hiredAt - 6 * 12 * MONTH_MS, Math.min(hiredAt + 6 * 12 * MONTH_MS, clock.now.getTime() - 13 * MONTH_MS))
      return { name, number, joinedAt }
    }
    const program = this.random.pick(enrollment.programs)
    // The academic year turns in September: that is when a new cohort arrives.
    const academicYear = clock.today.month >= 9 ? clock.today.year : clock.today.year - 1
    const cohort = academicYear - this.cohortAge(program, seat.partyStatus)
    const number = this.newNumber(`${cohort}${enrollment.collegeCode}${program === 'bachelor' ? 1 : 2}`)
    const enrolledAt = Date.UTC(cohort, 8, 1)
    const fullJoinedAt = (): Date =>
      program === 'bachelor'
        ? this.randomDay(enrolledAt + 9 * MONTH_MS, clock.now.getTime() - 13 * MONTH_MS)
        : this.randomDay(enrolledAt - 36 * MONTH_MS, Math.min(enrolledAt - 3 * MONTH_MS, clock.now.getTime() - 13 * MONTH_MS))
    return { name, number, joinedAt: seat.partyStatus === 'probationary' ? probationJoinedAt() : fullJoinedAt() }
  }

  newPhone(): string {
    for (;;) {
      const phone = this.random.pick(MOBILE_PREFIXES) + String(this.random.int(0, 99_999_999)).padStart(8, '0')
      if (!this.phones.has(phone)) {
        this.phones.add(phone)
        return phone
      }
    }
  }

  /** Undergraduates usually join in their second year or later; master students often before enrolling. */
  private cohortAge(program: StudentProgram, partyStatus: PartyStatus): number {
    if (program === 'master') return this.random.int(0, 2)
    return partyStatus === 'full' ? this.random.int(2, 3) : this.random.int(1, 2)
  }

  private newName(isStudent: boolean): string {
    for (;;) {
      const name = this.random.pick(SURNAMES) + this.random.pick(isStudent ? STUDENT_GIVEN_NAMES : SENIOR_GIVEN_NAMES)
      if (!this.names.has(name)) {
        this.names.add(name)
        return name
      }
    }
  }

  /** `prefix` + a three-digit sequence that grows in small random steps, like real rosters. */
  private newNumber(prefix: string): string {
    let sequence = this.lastSequence.get(prefix) ?? 0
    let number: string
    do {
      sequence += this.random.int(1, 4)
      number = prefix + String(sequence).padStart(3, '0')
    } while (this.numbers.has(number))
    this.lastSequence.set(prefix, sequence)
    this.numbers.add(number)
    return number
  }

  /** Midnight in Beijing of a day between two instants (near the later one when the range is empty). */
  private randomDay(fromMs: number, toMs: number): Date {
    // The day is random anyway: reading it on the UTC calendar spares a slow time-zone lookup.
    const instant = new Date(fromMs < toMs ? fromMs + this.random.next() * (toMs - fromMs) : toMs)
    return atBeijingTime({ year: instant.getUTCFullYear(), month: instant.getUTCMonth() + 1, day: instant.getUTCDate() })
  }
}
