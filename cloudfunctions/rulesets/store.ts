import type { Db } from '@cloudbase/database'
import { isDuplicateKeyError } from '../../src/domain/db-errors'
import { AppError } from '../../src/domain/errors'
import type { Org } from '../../src/domain/model'
import { rulesOrgIds, storedRulesSchema, type CommitteeRules, type GeneralBranchRules, type StoredRules } from '../../src/domain/ruleset/versions'
import { collectionOf } from '../_shared/db'

/**
 * The typed store of rulesets (collection `rulesets`, one document per organization with rules of
 * its own, `_id` = the org's id): reads parse with the stored model's schema, so rules that are off
 * fail with a clear message instead of judging branches by something else. A version's rules are
 * kept as JSON text: their keys are ids such as the sheet's item '1.1', and field names in the
 * database cannot contain a dot.
 */

const RULE_KEYS = ['ruleset', 'tightening'] as const

function toDocument(rules: StoredRules): Record<string, unknown> {
  const versions = rules.versions.map((version) => {
    const encoded: Record<string, unknown> = { ...version }
    for (const key of RULE_KEYS) if (key in encoded) encoded[key] = JSON.stringify(encoded[key])
    return encoded
  })
  return { ...rules, versions }
}

function fromDocument(document: unknown): unknown {
  if (!document || typeof document !== 'object' || !Array.isArray((document as { versions?: unknown }).versions)) return document
  const versions = ((document as { versions: Record<string, unknown>[] }).versions).map((version) => {
    const decoded: Record<string, unknown> = { ...version }
    for (const key of RULE_KEYS) if (typeof decoded[key] === 'string') decoded[key] = JSON.parse(decoded[key] as string)
    return decoded
  })
  return { ...document, versions }
}

function parseStored(document: unknown): StoredRules {
  let decoded: unknown
  try {
    decoded = fromDocument(document)
  } catch {
    decoded = null
  }
  const parsed = storedRulesSchema.safeParse(decoded)
  if (!parsed.success) {
    const id = (document as { _id?: unknown } | null)?._id
    throw new AppError('INTERNAL', `规则集数据有误（${String(id)}），请联系党委管理员重新保存规则：${parsed.error.issues[0]?.message ?? ''}`)
  }
  return parsed.data
}

/** The stored rules of these orgs (those without rules of their own are absent), in one read. */
export async function readStoredRules(db: Db, orgIds: readonly string[]): Promise<Map<string, StoredRules>> {
  const ids = [...new Set(orgIds)]
  if (ids.length === 0) return new Map()
  const { data } = await collectionOf(db, 'rulesets')
    .where({ _id: db.command.in(ids) })
    .limit(ids.length)
    .get()
  return new Map((data as unknown[]).map(parseStored).map((rules) => [rules._id, rules]))
}

/** The documents whose rules apply to an org: its party committee's and its 党总支's. */
export async function storedRulesOf(
  db: Db,
  org: Pick<Org, '_id' | 'kind' | 'ancestorIds'>,
): Promise<{ committee: CommitteeRules | null; generalBranch: GeneralBranchRules | null }> {
  const { committeeId, generalBranchId } = rulesOrgIds(org)
  const stored = await readStoredRules(db, generalBranchId ? [committeeId, generalBranchId] : [committeeId])
  const committee = stored.get(committeeId)
  const generalBranch = generalBranchId ? stored.get(generalBranchId) : undefined
  return {
    committee: committee?.orgKind === 'party_committee' ? committee : null,
    generalBranch: generalBranch?.orgKind === 'general_branch' ? generalBranch : null,
  }
}

/**
 * Saves the rules of an org: the first save adds the document, later ones replace it only if it
 * is still at the revision the admin edited (else CONFLICT: someone else saved meanwhile).
 */
export async function writeStoredRules(db: Db, rules: StoredRules, editedRevision: number | null): Promise<void> {
  const { _id, ...body } = toDocument(storedRulesSchema.parse(rules)) as { _id: string; versions: unknown[] }
  const collection = collectionOf(db, 'rulesets')
  const conflict = new AppError('CONFLICT', '规则已被他人修改，请刷新后再保存')
  if (editedRevision === null) {
    try {
      await collection.add({ _id, ...body })
    } catch (error) {
      if (isDuplicateKeyError(error)) throw conflict
      throw error
    }
    return
  }
  const { updated } = await collection.where({ _id, revision: editedRevision }).update({ ...body, versions: db.command.set(body.versions) })
  if (updated !== 1) throw conflict
}
