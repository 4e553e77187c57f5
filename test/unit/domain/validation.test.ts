import type { z } from 'zod'
import { CONTRACTS } from '../../../src/domain/contracts'
import { describeValidationError, fieldOf } from '../../../src/domain/validation'

const inputOf = <F extends keyof typeof CONTRACTS>(fn: F, action: keyof (typeof CONTRACTS)[F]) =>
  ((CONTRACTS[fn] as Record<string, { input: z.ZodType }>)[action as string]).input

function problemOf(schema: z.ZodType, payload: unknown) {
  const parsed = schema.safeParse(payload)
  if (parsed.success) throw new Error('expected a refusal')
  return describeValidationError(parsed.error, schema)
}

/** The keys of an input's object (through refinements, and every option of a union). */
function topLevelKeys(schema: z.ZodType): string[] {
  const def = schema._zod.def as { type: string; shape?: Record<string, unknown>; options?: z.ZodType[]; in?: z.ZodType }
  if (def.type === 'object') return Object.keys(def.shape ?? {})
  if (def.type === 'union') return (def.options ?? []).flatMap(topLevelKeys)
  if (def.type === 'pipe' && def.in) return topLevelKeys(def.in)
  return []
}

describe('refusals name their fields in Chinese, from the contract', () => {
  const selfStudy = inputOf('compliance', 'submitSelfStudy')

  it('says “学时至少 0.5”, never “hours 学时至少 0.5”', () => {
    const problem = problemOf(selfStudy, { title: '在线课程', hours: 0.2, studiedAt: '2026-11-21T00:00:00.000Z', proofFileId: null })
    expect(problem.message).toBe('学时至少 0.5')
    expect(problem.fields).toEqual({ hours: '学时至少 0.5' })
  })

  it('puts the field’s Chinese name before a message that does not say it', () => {
    const problem = problemOf(inputOf('activities', 'post'), {
      branchId: 'b1',
      types: 'party_lecture',
      topic: '学习',
      startAt: '2026-11-21T06:00:00.000Z',
      endAt: '2026-11-21T07:00:00.000Z',
      place: '活动室',
      audience: { kind: 'branch' },
    })
    expect(problem.fields.types).toMatch(/^活动类型：/)
    expect(problem.message).not.toContain('types')
  })

  it('names a field inside a list by the list element’s name', () => {
    const problem = problemOf(inputOf('activities', 'post'), {
      branchId: 'b1',
      types: ['party_lecture'],
      topic: '学习党章',
      startAt: '2026-11-21T06:00:00.000Z',
      endAt: '2026-11-21T07:00:00.000Z',
      place: '活动室',
      audience: { kind: 'branches', branchIds: ['bad id!'] },
    })
    expect(problem.fields['audience.branchIds.0']).toBe('联合支部编号无效')
  })

  it('asks for the reason when a request is turned down', () => {
    expect(problemOf(inputOf('activities', 'reviewLeave'), { activityId: 'a1', memberId: 'm1', approve: false }).fields).toEqual({
      reason: '不同意时请写明理由',
    })
    expect(inputOf('activities', 'reviewLeave').safeParse({ activityId: 'a1', memberId: 'm1', approve: true }).success).toBe(true)
  })

  it('gives every field of every action a Chinese name', () => {
    const unnamed = Object.entries(CONTRACTS).flatMap(([fn, actions]) =>
      Object.entries(actions as Record<string, { input: z.ZodType }>).flatMap(([action, contract]) =>
        topLevelKeys(contract.input)
          .filter((key) => !/[\u4e00-\u9fa5]/.test(fieldOf(contract.input, [key]).label ?? ''))
          .map((key) => `${fn}.${action}.${key}`),
      ),
    )
    expect(unnamed).toEqual([])
  })
})

describe('fieldOf: what a form reads from the contract', () => {
  it('answers the label and the length limits of a text field', () => {
    expect(fieldOf(inputOf('activities', 'post'), ['topic'])).toEqual({ label: '主题', minLength: 2, maxLength: 60 })
    expect(fieldOf(inputOf('activities', 'requestLeave'), ['reason'])).toEqual({ label: '请假事由', minLength: 2, maxLength: 200 })
  })

  it('answers nothing for a path the contract does not have', () => {
    expect(fieldOf(inputOf('activities', 'post'), ['nope'])).toEqual({ label: null, minLength: null, maxLength: null })
  })
})
