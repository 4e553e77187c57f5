import type { Db } from '@cloudbase/database'
import { findAll, collectionOf } from '../cloudfunctions/_shared/db'
import { BRANCH_ROLE_LABELS, COMMITTEE_ROLES, type Member, type Org } from '../src/domain/model'

export interface DemoPerson {
  openid: string
  name: string
  number: string
  title: string
  orgName: string
  /** Lower sorts first: party committee, general branch admins, secretaries, committee, members. */
  rank: number
}

/** Everyone with a bound identity, for the dev sign-in page of the local runtime. */
export async function listDemoPeople(db: Db): Promise<DemoPerson[]> {
  const [members, orgs] = await Promise.all([
    findAll<Member>(collectionOf(db, 'members').where({ active: true }).orderBy('number', 'asc')),
    findAll<Org>(collectionOf(db, 'orgs').orderBy('_id', 'asc')),
  ])
  const orgById = new Map(orgs.map((org) => [org._id, org]))
  return members
    .filter((member): member is Member & { openid: string } => member.openid !== undefined)
    .map((member) => {
      const administered = member.adminOrgIds.flatMap((id) => orgById.get(id) ?? [])
      const roles = member.roles.map((role) => BRANCH_ROLE_LABELS[role])
      const titles = [...administered.map((org) => `${org.name}管理员`), ...roles]
      return {
        openid: member.openid,
        name: member.name,
        number: member.number,
        title: titles.join('、') || '党员',
        orgName: orgById.get(member.branchId)?.name ?? '',
        rank: rankOf(member, administered),
      }
    })
    .sort((a, b) => a.rank - b.rank || a.orgName.localeCompare(b.orgName, 'zh') || a.number.localeCompare(b.number))
}

function rankOf(member: Member, administered: Org[]): number {
  if (administered.some((org) => org.kind === 'party_committee')) return 0
  if (administered.length > 0) return 1
  if (member.roles.includes('secretary')) return 2
  if (member.roles.some((role) => COMMITTEE_ROLES.includes(role))) return 3
  return 4
}
