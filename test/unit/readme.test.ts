import { readFileSync } from 'node:fs'
import path from 'node:path'
import { ALL_COLLECTIONS } from '../../src/domain/collections'

const readme = readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8')

describe('README', () => {
  it.each(ALL_COLLECTIONS.flatMap((collection) => collection.indexes.map((index) => [collection.name, index.name])))(
    'lists collection %s with index %s (run `npm run print:indexes` to refresh the table)',
    (collection, index) => {
      expect(readme).toMatch(new RegExp(`\\| \`${collection}\` \\|[^\\n]*\\| \`${index}\` \\|`))
    },
  )

  it('gives the quick start exactly as the scripts define it', () => {
    const scripts = (JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }).scripts
    expect(readme).toContain('npm install && npm start')
    expect(readme).toContain('npm test')
    expect(scripts.start).toBeDefined()
    expect(scripts.test).toBeDefined()
  })
})
