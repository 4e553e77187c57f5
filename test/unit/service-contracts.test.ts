import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const SERVICES = path.join(__dirname, '../../src/services')

/** What `callAction` needs at run time: the service that calls a function has registered its contract. */
describe('app services', () => {
  const files = readdirSync(SERVICES).filter((file) => file.endsWith('.ts'))

  it.each(files)('%s registers the contract of every cloud function it calls', (file) => {
    const source = readFileSync(path.join(SERVICES, file), 'utf8')
    const called = new Set([...source.matchAll(/callAction\(\s*'(\w+)'/g)].map((match) => match[1]))
    const registered = new Set([...source.matchAll(/registerContract\(\s*'(\w+)'/g)].map((match) => match[1]))
    expect([...called].filter((name) => !registered.has(name))).toEqual([])
  })
})
