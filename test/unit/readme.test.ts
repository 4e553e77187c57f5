import { readFileSync } from 'node:fs'
import path from 'node:path'
import { collectionTable, functionTable, presetTable, templateTable } from '../../scripts/readme-tables'

const readme = readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8')

describe('README', () => {
  it('holds the table of every collection and index as declared (run `npm run print:indexes` to refresh it)', () => {
    expect(readme).toContain(collectionTable())
  })

  it('holds the table of every cloud function as declared (run `npm run print:functions` to refresh it)', () => {
    expect(readme).toContain(functionTable())
  })

  it('holds the ruleset presets and their sources as declared (run `npm run print:presets` to refresh it)', () => {
    expect(readme).toContain(presetTable())
  })

  it('holds the table of every subscribe-message template as declared (run `npm run print:templates` to refresh it)', () => {
    expect(readme).toContain(templateTable())
  })

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
