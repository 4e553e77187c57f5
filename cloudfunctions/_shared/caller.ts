import { AppError } from '../../src/domain/errors'
import type { Member } from '../../src/domain/model'
import type { CloudContext } from './context'
import { collectionOf, findOne } from './db'

/** The roster member bound to the caller's WeChat identity, or a clear refusal. */
export async function requireMember(context: CloudContext): Promise<Member> {
  if (!context.openid) throw new AppError('UNAUTHENTICATED')
  const member = await findOne<Member>(
    collectionOf(context.db, 'members').where({ openid: context.openid, active: true }),
  )
  if (!member) throw new AppError('NOT_BOUND')
  return member
}
