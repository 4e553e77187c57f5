import { canSeeFullPhone, type Caller } from '../../src/domain/authorization'
import type { MemberRow } from '../../src/domain/contracts/members'
import type { Member, Org } from '../../src/domain/model'
import { maskPhone } from '../../src/domain/personal-data'
import { instantToLocalDate } from '../../src/domain/roster-import'
import { DEFAULT_RULESET } from '../../src/domain/ruleset'

export const TIME_ZONE = DEFAULT_RULESET.timeZone

/** A roster row as the caller may see it: phones in full only for the member, their secretary and admins. */
export function toMemberRow(member: Member, caller: Caller, branch: Pick<Org, '_id' | 'ancestorIds'>, groupNames: ReadonlyMap<string, string>): MemberRow {
  const full = canSeeFullPhone(caller, member, branch)
  return {
    id: member._id,
    name: member.name,
    number: member.number,
    category: member.category,
    partyStatus: member.partyStatus,
    joinedOn: instantToLocalDate(member.joinedAt, TIME_ZONE),
    phone: full ? member.phone : maskPhone(member.phone),
    phoneMasked: !full && member.phone !== null,
    groupId: member.groupId,
    groupName: member.groupId ? (groupNames.get(member.groupId) ?? null) : null,
    roles: member.roles,
    isLeadingCadre: member.isLeadingCadre,
    isDualLeader: member.isDualLeader,
    bound: typeof member.openid === 'string',
  }
}
