import { coversAdminScope, type Caller } from '../../src/domain/authorization'
import type { BindRequest, Member, Org } from '../../src/domain/model'
import type { CloudContext } from '../_shared/context'
import { chunk, collectionOf, findAll, IN_QUERY_LIMIT } from '../_shared/db'
import { branchOrFail } from '../_shared/scopes'

/** The orgs by id that any of these members administers. */
export async function adminOrgsOf(context: CloudContext, members: readonly Member[]): Promise<Map<string, Org>> {
  const ids = [...new Set(members.flatMap((member) => member.adminOrgIds))]
  if (ids.length === 0) return new Map()
  const orgs = await findAll<Org>(collectionOf(context.db, 'orgs').where({ _id: context.db.command.in(ids) }))
  return new Map(orgs.map((org) => [org._id, org]))
}

/** Branches whose roster the caller manages: their own as secretary, every branch under what they administer. */
export async function rosterBranches(context: CloudContext, caller: Caller): Promise<Org[]> {
  const byId = new Map<string, Org>()
  if (caller.roles.includes('secretary')) byId.set(caller.branchId, await branchOrFail(context, caller.branchId))
  if (caller.adminOrgIds.length > 0) {
    const _ = context.db.command
    const branches = await findAll<Org>(
      collectionOf(context.db, 'orgs')
        .where({ kind: 'branch', ancestorIds: _.in(caller.adminOrgIds) })
        .orderBy('_id', 'asc'),
    )
    for (const branch of branches) byId.set(branch._id, branch)
  }
  return [...byId.values()]
}

export interface ClaimOnMember {
  request: BindRequest
  member: Member
  branch: Org
}

/**
 * Bind requests of these branches that the caller may decide (a claim on an admin's roster entry
 * waits for an admin whose scope covers theirs): pending ones, oldest first, or decided ones,
 * newest first, at most `limit`.
 */
export async function claimsFor(
  context: CloudContext,
  caller: Caller,
  branches: readonly Org[],
  which: { status: 'pending' } | { status: 'decided'; limit: number },
): Promise<ClaimOnMember[]> {
  const _ = context.db.command
  const requests: BindRequest[] = []
  for (const part of chunk(branches.map((branch) => branch._id), IN_QUERY_LIMIT)) {
    const query = collectionOf(context.db, 'bindRequests').where({
      branchId: _.in(part),
      status: which.status === 'pending' ? 'pending' : _.in(['approved', 'rejected']),
    })
    requests.push(
      ...(which.status === 'pending'
        ? await findAll<BindRequest>(query.orderBy('createdAt', 'asc'))
        : ((await query.orderBy('decidedAt', 'desc').limit(which.limit).get()).data as BindRequest[])),
    )
  }
  const memberIds = [...new Set(requests.map((request) => request.memberId))]
  const claimed: Member[] = []
  for (const part of chunk(memberIds, IN_QUERY_LIMIT)) {
    claimed.push(...(await findAll<Member>(collectionOf(context.db, 'members').where({ _id: _.in(part) }))))
  }
  const membersById = new Map(claimed.map((member) => [member._id, member]))
  const branchesById = new Map(branches.map((branch) => [branch._id, branch]))
  const adminOrgs = await adminOrgsOf(context, claimed)
  const claims = requests.flatMap((request) => {
    const member = membersById.get(request.memberId)
    const branch = branchesById.get(request.branchId)
    if (!member || !branch || !coversAdminScope(caller, member.adminOrgIds.flatMap((id) => adminOrgs.get(id) ?? []))) return []
    return [{ request, member, branch }]
  })
  if (which.status === 'pending') return claims
  const decidedAt = (claim: ClaimOnMember) => claim.request.decidedAt?.getTime() ?? 0
  return claims.sort((a, b) => decidedAt(b) - decidedAt(a)).slice(0, which.limit)
}
