import type { Db } from '@cloudbase/database'
import { COLLECTIONS } from '../../src/domain/collections'
import type { AuditLog } from '../../src/domain/model'

export type AuditEntry = Omit<AuditLog, '_id' | 'at'>

/** The document of one audit record (`audit_log`), for `add` on the db or inside a transaction. */
export function auditDocument(entry: Partial<AuditEntry> & Pick<AuditEntry, 'action'>, at: Date): Omit<AuditLog, '_id'> {
  return {
    at,
    actorMemberId: entry.actorMemberId ?? null,
    action: entry.action,
    branchId: entry.branchId ?? null,
    targetMemberId: entry.targetMemberId ?? null,
    targetOrgId: entry.targetOrgId ?? null,
    detail: entry.detail ?? {},
  }
}

export async function writeAudit(db: Db, entry: Partial<AuditEntry> & Pick<AuditEntry, 'action'>, at: Date): Promise<void> {
  await db.collection(COLLECTIONS.auditLog.name).add(auditDocument(entry, at))
}
