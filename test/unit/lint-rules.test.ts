import { execFileSync } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(__dirname, '..', '..')

interface Probe {
  file: string
  code: string
}

/** ESLint loads its flat config with a dynamic import, which jest's module VM refuses: lint in a child node. */
function lintAll(probes: Probe[]): string[][] {
  const script = `
    const { ESLint } = require('eslint')
    const probes = JSON.parse(require('fs').readFileSync(0, 'utf8'))
    const eslint = new ESLint({ cwd: ${JSON.stringify(root)} })
    Promise.all(probes.map(async (probe) => {
      const [result] = await eslint.lintText(probe.code, { filePath: require('path').join(${JSON.stringify(root)}, probe.file) })
      return result.messages.map((message) => message.ruleId + ': ' + message.message)
    })).then((messages) => process.stdout.write(JSON.stringify(messages)))
  `
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, input: JSON.stringify(probes) }).toString())
}

const forbiddenInDomain = [
  "import Taro from '@tarojs/taro'",
  "import cloud from 'wx-server-sdk'",
  "import * as fs from 'node:fs'",
  "import * as fs from 'fs'",
  "import * as database from '@cloudbase/database'",
]
const importedName = (line: string) => line.split(' ').at(-3)
const backendCall = "import Taro from '@tarojs/taro'\nexport const probe = () => Taro.cloud.callFunction({ name: 'x' })\n"

describe('lint rules that keep the layers apart', () => {
  let results: string[][]
  beforeAll(() => {
    results = lintAll([
      ...forbiddenInDomain.map((line) => ({ file: 'src/domain/probe.ts', code: `${line}\nexport const probe = [${importedName(line)}]\n` })),
      { file: 'src/domain/probe.ts', code: "import { z } from 'zod'\nimport dayjs from 'dayjs'\nexport const probe = [z, dayjs]\n" },
      { file: 'src/pages/probe/index.tsx', code: backendCall },
      { file: 'src/services/probe.ts', code: backendCall },
    ])
  })

  it.each(forbiddenInDomain.map((line, index) => [line, index] as const))('forbids src/domain from `%s`', (_line, index) => {
    expect(results[index].some((message) => message.startsWith('no-restricted-imports'))).toBe(true)
  })

  it('lets src/domain import zod and dayjs', () => {
    expect(results[forbiddenInDomain.length]).toEqual([])
  })

  it('keeps backend calls inside src/services', () => {
    expect(results[forbiddenInDomain.length + 1].some((message) => message.startsWith('no-restricted-properties'))).toBe(true)
    expect(results[forbiddenInDomain.length + 2]).toEqual([])
  })
})

const otherWaysToTheRules: Probe[] = [
  { file: 'cloudfunctions/org/probe.ts', code: "import { DEFAULT_RULESET } from '../../src/domain/ruleset'\nexport const probe = DEFAULT_RULESET\n" },
  { file: 'cloudfunctions/org/probe.ts', code: "export const TIME_ZONE = 'UTC+8'\n" },
  { file: 'src/pages/probe/index.tsx', code: "import { DEFAULT_RULESET } from '../../domain/ruleset/default-ruleset'\nexport const probe = DEFAULT_RULESET\n" },
  { file: 'src/pages/probe/index.tsx', code: "import { DEFAULT_CALENDAR } from '../../domain/ruleset/default-calendar'\nexport const probe = DEFAULT_CALENDAR\n" },
  { file: 'src/components/probe.ts', code: "export const probe = () => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai' })\n" },
]

describe('one way to the rules', () => {
  let results: string[][]
  beforeAll(() => {
    results = lintAll([
      ...otherWaysToTheRules,
      { file: 'cloudfunctions/org/probe.ts', code: "import { parseRuleset } from '../../src/domain/ruleset'\nexport const probe = parseRuleset\n" },
    ])
  })

  it.each(otherWaysToTheRules.map((probe, index) => [probe.file, probe.code.split('\n')[0], index] as const))('refuses in %s: `%s`', (_file, _line, index) => {
    expect(results[index].some((message) => /^no-restricted-(imports|syntax)/.test(message))).toBe(true)
  })

  it('lets functions use the rest of the ruleset module', () => {
    expect(results[otherWaysToTheRules.length]).toEqual([])
  })
})
