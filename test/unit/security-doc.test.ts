import { readFileSync } from 'node:fs'
import path from 'node:path'
import { withPolicyTable } from '../../scripts/policy-table'

describe('docs/SECURITY.md', () => {
  it('lists every action’s declared policy as the code declares it (run `npm run docs:policies` to refresh)', () => {
    const document = readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'SECURITY.md'), 'utf8')
    expect(document).toBe(withPolicyTable(document))
  })
})
