import { CLOUD_FUNCTIONS } from '../../../cloudfunctions/registry'
import { invocationOf, MATRIX, PAYLOADS } from './matrix'

describe('the authorization matrix', () => {
  it('has a row, with a payload, for every action of every deployed function', () => {
    const covered = new Set(MATRIX.map(([label]) => invocationOf(label)).map(({ fn, action }) => `${fn}.${action}`))
    const actions = Object.entries(CLOUD_FUNCTIONS).flatMap(([fn, definition]) => Object.keys(definition.policies).map((action) => `${fn}.${action}`))
    expect(actions.filter((action) => !covered.has(action))).toEqual([])
    expect(MATRIX.map(([label]) => label).filter((label) => !PAYLOADS[label])).toEqual([])
  })

  it('gives every cell of every row', () => {
    expect(MATRIX.filter((row) => row.length !== 12).map(([label]) => label)).toEqual([])
  })
})
