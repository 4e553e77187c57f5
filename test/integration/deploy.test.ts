import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { FUNCTIONS } from '../../cloudfunctions/manifest'
import { applyDeployment, descriptionOf, formatReport, type BuiltCode, type VariableValues } from '../../scripts/deploy/apply'
import { desiredState } from '../../scripts/deploy/desired'
import { ALL_COLLECTIONS } from '../../src/domain/collections'
import { FakeManagement } from '../support/fake-management'

const desired = desiredState()
let rootDir: string
let code: BuiltCode
let generated: number

function values(given: Record<string, string> = {}, answers: Record<string, string> = {}): VariableValues {
  return {
    given: (name) => given[name],
    ask: async (variable) => answers[variable.name],
    generateSecret: () => `generated-secret-${++generated}-`.padEnd(43, 'x'),
  }
}

beforeEach(() => {
  generated = 0
  rootDir = mkdtempSync(path.join(tmpdir(), 'zbt-deploy-'))
  for (const { name } of FUNCTIONS) {
    mkdirSync(path.join(rootDir, name))
    writeFileSync(path.join(rootDir, name, 'index.js'), `exports.main = () => '${name}'\n`)
  }
  code = { rootDir, sha256: Object.fromEntries(FUNCTIONS.map(({ name }) => [name, `${name}-v1`.padEnd(64, '0')])) }
})
afterEach(() => rmSync(rootDir, { recursive: true, force: true }))

describe('npm run deploy against a recording fake of @cloudbase/manager-node', () => {
  it('first run creates every collection, index, rule, the storage rule and every function with its configuration', async () => {
    const cloud = new FakeManagement()
    const report = await applyDeployment(cloud, desired, code, values({}, { REMINDER_TEMPLATE_ID: 'template-1' }))

    expect([...cloud.collections.keys()].sort()).toEqual(ALL_COLLECTIONS.map((c) => c.name).sort())
    for (const collection of ALL_COLLECTIONS) {
      const indexes = cloud.collections.get(collection.name)!
      expect(indexes.map((index) => index.Name).sort()).toEqual(['_id_', ...collection.indexes.map((index) => index.name)].sort())
      for (const declared of collection.indexes) {
        const created = indexes.find((index) => index.Name === declared.name)!
        expect(created.Unique).toBe(declared.unique)
        expect(created.Keys).toEqual(declared.fields.map(({ field, direction }) => ({ Name: field, Direction: String(direction) })))
      }
      expect(cloud.rules.get(collection.name)).toEqual({ AclTag: 'CUSTOM', Rule: '{"read":false,"write":false}' })
    }
    const membersIndexes = cloud.calls.find((call) => call.method === 'database.updateCollection' && call.args[0] === 'members')!
    expect(JSON.stringify(membersIndexes.args[1])).toContain('"IndexName":"openid_unique","MgoKeySchema":{"MgoIndexKeys":[{"Name":"openid","Direction":"1"}],"MgoIsUnique":true,"MgoIsSparse":true}')
    expect(cloud.storageAcl).toBe('PRIVATE')

    for (const manifest of FUNCTIONS) {
      const deployed = cloud.functionsByName.get(manifest.name)!
      expect(deployed).toMatchObject({ runtime: 'Nodejs16.13', timeout: manifest.timeoutSeconds, memorySize: manifest.memoryMb, description: descriptionOf(code.sha256[manifest.name]) })
      expect(deployed.triggers).toEqual(manifest.triggers.map((trigger) => ({ name: trigger.name, cron: trigger.cron })))
    }
    expect(cloud.functionsByName.get('checkin')!.variables.CHECKIN_TOKEN_SECRET).toMatch(/^generated-secret-1-x{20,}$/)
    expect(cloud.functionsByName.get('reminders')!.variables).toEqual({ REMINDER_TEMPLATE_ID: 'template-1' })
    expect(report.changes.length).toBeGreaterThan(0)
    expect(report.manual.join('\n')).toContain('云函数 evidence 的开放接口权限 security.msgSecCheck、security.mediaCheckAsync')
  })

  it('a second run reads everything, changes nothing and says so; the generated secret is kept', async () => {
    const cloud = new FakeManagement()
    await applyDeployment(cloud, desired, code, values({}, { REMINDER_TEMPLATE_ID: 'template-1' }))
    const secret = cloud.functionsByName.get('checkin')!.variables.CHECKIN_TOKEN_SECRET
    cloud.calls.length = 0

    const again = await applyDeployment(cloud, desired, code, values())

    expect(cloud.writes()).toEqual([])
    expect(cloud.calls.length).toBeGreaterThan(0)
    expect(again.changes).toEqual([])
    expect(formatReport(again)).toContain('没有需要修改的内容')
    expect(cloud.functionsByName.get('checkin')!.variables.CHECKIN_TOKEN_SECRET).toBe(secret)
    expect(generated).toBe(1)
  })

  it('mends only what drifted: a changed index, a removed trigger, a timeout, new code', async () => {
    const cloud = new FakeManagement()
    await applyDeployment(cloud, desired, code, values({ REMINDER_TEMPLATE_ID: 'template-1' }))
    cloud.collections.get('attendance')!.find((index) => index.Name === 'memberId')!.Keys = [{ Name: 'memberId', Direction: '-1' }]
    const timer = cloud.functionsByName.get('compliance-timer')!
    timer.triggers = timer.triggers.filter((trigger) => trigger.name !== 'rebuildSummaries')
    cloud.functionsByName.get('ledger')!.timeout = 3
    const codeUploads = cloud.functionsByName.get('activities')!.codeUploads
    cloud.calls.length = 0

    const report = await applyDeployment(cloud, desired, { ...code, sha256: { ...code.sha256, activities: 'activities-v2'.padEnd(64, '0') } }, values({ REMINDER_TEMPLATE_ID: 'template-1' }))

    expect(cloud.writes().map((call) => `${call.method} ${JSON.stringify(call.args[0])}`)).toEqual([
      'database.updateCollection "attendance"',
      'database.updateCollection "attendance"',
      'functions.updateFunctionCode {"func":{"name":"activities","installDependency":true},"functionRootPath":' + JSON.stringify(rootDir) + '}',
      'functions.updateFunctionConfig ' + JSON.stringify({ name: 'activities', description: descriptionOf('activities-v2'.padEnd(64, '0')), timeout: 20, memorySize: 256, envVariables: {} }),
      'functions.updateFunctionConfig ' + JSON.stringify({ name: 'ledger', description: descriptionOf(code.sha256.ledger), timeout: 60, memorySize: 512, envVariables: {} }),
      'functions.createFunctionTriggers "compliance-timer"',
    ])
    expect(cloud.collections.get('attendance')!.find((index) => index.Name === 'memberId')!.Keys).toEqual([{ Name: 'memberId', Direction: '1' }])
    expect(cloud.functionsByName.get('activities')!.codeUploads).toBe(codeUploads + 1)
    expect(report.changes).toHaveLength(5)
  })

  it('keeps variables set by hand, takes a given value over the deployed one, and asks for the template id as a manual step when nobody answers', async () => {
    const cloud = new FakeManagement()
    await applyDeployment(cloud, desired, code, values())
    expect(cloud.functionsByName.get('reminders')!.variables).toEqual({})
    cloud.functionsByName.get('checkin')!.variables.EXTRA = 'set by hand'

    const report = await applyDeployment(cloud, desired, code, values({ CHECKIN_TOKEN_SECRET: 'a-secret-the-person-deploying-gave-us-123' }))

    expect(cloud.functionsByName.get('checkin')!.variables).toEqual({ EXTRA: 'set by hand', CHECKIN_TOKEN_SECRET: 'a-secret-the-person-deploying-gave-us-123' })
    expect(report.manual.join('\n')).toContain('reminders 的环境变量 REMINDER_TEMPLATE_ID 未设置')
    expect(report.changes.join('\n')).not.toContain('a-secret-the-person')
  })
})
