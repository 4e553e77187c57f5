import { canSeeFullPhone, canSeeMemberDetails, type Caller } from '../../src/domain/authorization'
import type { MemberDetails, MemberRow } from '../../src/domain/contracts/members'
import type { Member, Org } from '../../src/domain/model'
import { maskPhone } from '../../src/domain/personal-data'
import { instantToLocalDate } from '../../src/domain/roster-import'
/** What rows are shown with: the branch's groups by id, and the zone of its rules (dates are local). */
export interface RowSetting {
  groupNames: ReadonlyMap<string, string>
  timeZone: string
}

function detailsOf(member: Member, caller: Caller, branch: Pick<Org, '_id' | 'ancestorIds'>, timeZone: string): MemberDetails {
  const full = canSeeFullPhone(caller, member, branch)
  return {
    number: member.number,
    partyStatus: member.partyStatus,
    joinedOn: instantToLocalDate(member.joinedAt, timeZone),
    phone: full ? member.phone : maskPhone(member.phone),
    phoneMasked: !full && member.phone !== null,
    isLeadingCadre: member.isLeadingCadre,
    isDualLeader: member.isDualLeader,
    bound: typeof member.openid === 'string',
  }
}

/**
 * A roster row as the caller may see it: personal data for the member and the branch's managers
 * only, phones in full only for the member, their secretary and admins.
 */
export function toMemberRow(member: Member, caller: Caller, branch: Pick<Org, '_id' | 'ancestorIds'>, { groupNames, timeZone }: RowSetting): MemberRow {
  return {
    id: member._id,
    name: member.name,
    category: member.category,
    groupId: member.groupId,
    groupName: member.groupId ? (groupNames.get(member.groupId) ?? null) : null,
    roles: member.roles,
    details: canSeeMemberDetails(caller, member, branch) ? detailsOf(member, caller, branch, timeZone) : null,
  }
}

/** The member's own row: every detail. */
export function ownMemberRow(member: Member, branch: Pick<Org, '_id' | 'ancestorIds'>, setting: RowSetting): MemberRow & { details: MemberDetails } {
  return { ...toMemberRow(member, member, branch, setting), details: detailsOf(member, member, branch, setting.timeZone) }
}
