import { COLLECTIONS } from '../../src/domain/collections'
import { LIGHT_LABELS } from '../../src/domain/compliance/labels'
import type { Member } from '../../src/domain/model'
import { PAGES } from '../../src/routes'
import type { PageView, Phone } from '../../weapp-host/host'
import type { Ruleset } from '../../src/domain/ruleset'
import { call, refusal } from '../support/actions'
import { branchCast } from '../support/local-cloud'
import { startWeappJourney, type WeappJourney } from './journey'

const COMMITTEE_ID = 'org-university'
const GENERAL_BRANCH_ID = 'org-cs'
const BRANCH_ID = 'org-cs-teacher'
const NEW_TYPE = '青年理论学习'
const LIGHT_OF_LABEL = new Map(Object.entries(LIGHT_LABELS).map(([light, label]) => [label, light]))

/** The text field with this placeholder inside the editor's section titled `title`. */
function fieldIn(page: PageView, title: string, placeholder: string) {
  const section = page.all('.rules-section').find((element) => element.descendants()[0]?.text === title)
  if (!section) throw new Error(`no section “${title}”; the page shows:\n${page.outline()}`)
  const input = section.all('input').find((element) => element.attributes.placeholder === placeholder)
  if (!input) throw new Error(`no field “${placeholder}” in “${title}”`)
  return { section, input }
}

async function openRulesFromMe(phone: Phone, orgName: string): Promise<void> {
  await phone.open(PAGES.me)
  await phone.tap(`组织生活规则 · ${orgName}`)
  expect(phone.page.route).toBe(PAGES.rulesets.slice(1))
}

/**
 * 组织生活规则 on the built mini program: the party committee's admin starts a version from a
 * preset, changes a frequency and adds an activity type, previews the effect, confirms, and the
 * version and its audit diff appear (and the preview told the truth); a 党总支's admin cannot loosen;
 * a secretary and a member have no way in.
 */
describe('weapp: a party committee’s rules edited on the phone', () => {
  let journey: WeappJourney
  let committeeAdmin: Member
  let generalBranchAdmin: Member
  const storedRules = async (orgId: string) => (await journey.env.cloud.db().collection(COLLECTIONS.rulesets.name).where({ _id: orgId }).get()).data
  beforeAll(async () => {
    journey = await startWeappJourney()
    const adminOf = (orgId: string) => journey.env.demo.members.find((member) => member.adminOrgIds.includes(orgId) && member.openid)!
    committeeAdmin = adminOf(COMMITTEE_ID)
    generalBranchAdmin = adminOf(GENERAL_BRANCH_ID)
  })
  afterAll(() => journey?.close())

  it('the 党委 admin starts from seed 001, sets 主题党日 to twice a month, adds 青年理论学习 each semester, sees which branches change, confirms, and the version and its diff appear', async () => {
    const phone = await journey.phone(committeeAdmin.openid!)
    await openRulesFromMe(phone, '东海理工大学党委')
    expect(phone.page.text()).toContain('尚未保存过本组织自己的规则')
    expect(phone.page.text()).toContain('组织生活要求「主题党日（每月）」')
    // Each preset names the document and the clause each differing rule comes from.
    const preset = phone.page.find('.rules-preset', { hasText: '娄底职业技术学院（2012）' })
    expect(preset.text).toContain('娄职院委函〔2012〕3号')
    expect(preset.text).toContain('支部领导班子开展集体学习活动每年不少于10次')
    expect(preset.text).toContain('三（二）3')
    journey.keep(phone, 'j6-01-rules-in-force')

    // From the start of this year on: the months already past are judged again by the new numbers.
    await phone.pick(phone.page.all('picker')[0], '从某年起')
    expect(phone.page.all('picker')[1].text).toBe('2026年起')
    await phone.tap('从「娄底职业技术学院（2012）」开始')
    expect(phone.page.text()).toContain('组织生活要求「支部班子集体学习（每年）」')
    const { input: themeDays } = fieldIn(phone.page, '组织生活要求「主题党日（每月）」', '每个周期至少次数')
    await phone.type(themeDays, '0')
    // The schema's limit, inline and in Chinese; nothing can be previewed or saved meanwhile.
    expect(fieldIn(phone.page, '组织生活要求「主题党日（每月）」', '每个周期至少次数').section.find('.field__problem').text).toMatch(/1/)
    expect(phone.page.find('button', { hasText: '预览影响' }).attributes.disabled).toBe(true)
    await phone.type(fieldIn(phone.page, '组织生活要求「主题党日（每月）」', '每个周期至少次数').input, '2')

    await phone.type(phone.page.all('input').find((element) => element.attributes.placeholder === '例如：支部班子集体学习')!, NEW_TYPE)
    await phone.tap(phone.page.find('button', { hasText: '新增活动类型' }))
    const requirementTitle = `组织生活要求「${NEW_TYPE}（每年）」`
    const period = phone.page.all('.rules-section').find((element) => element.descendants()[0]?.text === requirementTitle)!.all('picker')[1]
    await phone.pick(period, '每学期')
    const semesterTitle = `组织生活要求「${NEW_TYPE}（每学期）」`
    await phone.type(fieldIn(phone.page, semesterTitle, '每个周期至少次数').input, '2')
    const changes = phone.page.find('.rules-changes')
    expect(changes.text).toContain(`活动类型「${NEW_TYPE}」：无 → 新增`)
    expect(changes.text).toContain('组织生活要求「主题党日（每月）」·每个周期至少次数：1 次 → 2 次')
    expect(changes.text).toContain('书记和支委年度学时目标：56 学时 → 128 学时')
    journey.keep(phone, 'j6-02-draft')

    await phone.tap(phone.page.find('button', { hasText: '预览影响' }))
    const sentence = phone.page.find('.rules-preview').descendants()[0].text
    expect(sentence).toMatch(/^按新规则，2026年将有/)
    const reds = Number(/(\d+) 个支部变为红灯/.exec(sentence)?.[1] ?? 0)
    const listed = phone.page.find('.rules-preview').all('.act-row__sub').map((row) => row.text)
    expect(listed.length).toBeGreaterThan(0)
    expect(listed.filter((row) => row.split(' → ')[1].startsWith(LIGHT_LABELS.red) && !row.split(' → ')[0].includes(LIGHT_LABELS.red))).toHaveLength(reds)
    journey.keep(phone, 'j6-03-preview')

    await phone.tap(phone.page.find('button', { hasText: '启用新规则' }))
    expect(phone.device.dialog).toMatchObject({ title: '确认启用新规则', confirmText: '确认启用', cancelText: '暂不启用' })
    expect(phone.device.dialog!.content).toContain(sentence)
    await phone.answerDialog(true)
    expect(phone.device.toasts).toContain('新规则已启用')

    const versions = phone.page.find('.rules-versions').text
    expect(versions).toContain('2026年起（现行）')
    expect(versions).toContain(`${committeeAdmin.name} · 起点：娄底职业技术学院（2012）`)
    const history = phone.page.find('.rules-history').text
    expect(history).toContain(`${committeeAdmin.name} · 2026年起`)
    expect(history).toContain('组织生活要求「主题党日（每月）」·每个周期至少次数：1 次 → 2 次')
    expect(history).toContain(`活动类型「${NEW_TYPE}」：无 → 新增`)
    journey.keep(phone, 'j6-04-saved')

    // The preview told the truth: every branch it named now has the light it said.
    const summaries = (await journey.env.cloud.db().collection(COLLECTIONS.branchSummaries.name).where({ year: 2026 }).limit(1000).get()).data as {
      branchName?: string
      branchId: string
      light: string
    }[]
    const orgs = (await journey.env.cloud.db().collection(COLLECTIONS.orgs.name).where({ kind: 'branch' }).limit(1000).get()).data as { _id: string; name: string }[]
    for (const row of listed) {
      const [name, lights] = row.split('：')
      const after = LIGHT_OF_LABEL.get(lights.split(' → ')[1].split('、')[0])
      const branch = orgs.find((org) => org.name === name)!
      expect(summaries.find((summary) => summary.branchId === branch._id)?.light).toBe(after)
    }
  })

  it('when someone else saved first, the save is refused in Chinese, the draft stays and is listed against the newer rules, and saves after a look', async () => {
    const phone = await journey.phone(committeeAdmin.openid!)
    await openRulesFromMe(phone, '东海理工大学党委')
    await phone.tap('从现行规则开始修改')
    await phone.type(phone.page.all('input').find((element) => element.attributes.placeholder === '临期提醒（周期结束前天数）')!, '10')

    // Meanwhile the same rules are saved from another phone.
    const current = await call<{ ruleset: Ruleset; revision: number; effectiveFrom: { kind: string; key: string } }>(
      journey.env.cloud, 'rulesets', 'get', { orgId: COMMITTEE_ID }, committeeAdmin.openid!,
    )
    const elsewhere = { ...current.ruleset, branchSetup: { ...current.ruleset.branchSetup, termExpiryWarningDays: 120 } }
    const effectiveFrom = { kind: current.effectiveFrom.kind, key: current.effectiveFrom.key }
    await call(journey.env.cloud, 'rulesets', 'save', { orgId: COMMITTEE_ID, effectiveFrom, ruleset: elsewhere, revision: current.revision }, committeeAdmin.openid!)

    await phone.tap(phone.page.find('button', { hasText: '预览影响' }))
    await phone.tap(phone.page.find('button', { hasText: '启用新规则' }))
    await phone.answerDialog(true)
    expect(phone.device.dialog).toMatchObject({ title: '规则已被他人修改' })
    expect(phone.device.dialog!.content).toContain('规则已被他人修改，请刷新后再保存')
    expect(phone.device.dialog!.content).toContain('您的修改仍保留在本页')
    await phone.answerDialog(true)
    const changes = phone.page.find('.rules-changes').text
    expect(changes).toContain('临期提醒（周期结束前天数）：7 天 → 10 天')
    // The other save's change would be undone by this draft: it is listed, for the admin to see.
    expect(changes).toContain('换届提前提醒：120 天 → 90 天')
    journey.keep(phone, 'j6-06-saved-elsewhere-first')

    await phone.type(phone.page.all('input').find((element) => element.attributes.placeholder === '换届提前提醒')!, '120')
    expect(phone.page.find('.rules-changes').text).not.toContain('换届提前提醒')
    await phone.tap(phone.page.find('button', { hasText: '预览影响' }))
    await phone.tap(phone.page.find('button', { hasText: '启用新规则' }))
    await phone.answerDialog(true)
    expect(phone.device.toasts).toContain('新规则已启用')
    const history = phone.page.find('.rules-history')
    expect(history.all('.act-row')).toHaveLength(3)
    expect(history.text).toContain('临期提醒（周期结束前天数）：7 天 → 10 天')
    expect(history.text).toContain('换届提前提醒：90 天 → 120 天')
    const [stored] = (await storedRules(COMMITTEE_ID)) as { revision: number }[]
    expect(stored.revision).toBe(current.revision + 2)
  })

  it('a 党总支 admin may only tighten: a longer late grace is refused in Chinese, nothing is saved, and what only the 党委 sets is not editable', async () => {
    const phone = await journey.phone(generalBranchAdmin.openid!)
    await openRulesFromMe(phone, '计算机学院党总支')
    expect(phone.page.text()).toContain('不能放宽')
    expect(phone.page.all('.rules-preset')).toHaveLength(0)
    await phone.tap('从现行规则开始修改')
    // The committee's frequency is the floor; its period is fixed by the committee.
    const themeDay = fieldIn(phone.page, '组织生活要求「主题党日（每月）」', '每个周期至少次数')
    expect(themeDay.section.text).toContain('党委规定：2 次（只能从严）')
    expect(themeDay.section.text).toContain('每月（由党委统一规定）')

    const grace = phone.page.all('input').find((element) => element.attributes.placeholder === '迟到宽限（开始后几分钟内签到不算迟到）')!
    const committeeGrace = Number(grace.attributes.value)
    await phone.type(grace, String(committeeGrace + 30))
    const problem = `迟到宽限（开始后几分钟内签到不算迟到）不能比党委的规定更宽松（党委规定：${committeeGrace} 分钟，这里是：${committeeGrace + 30} 分钟）`
    expect(phone.page.find('.rules-changes').text).toContain(problem)
    expect(phone.page.find('button', { hasText: '预览影响' }).attributes.disabled).toBe(true)
    journey.keep(phone, 'j6-05-general-branch-loosens')

    // The function refuses the same draft on its own (a phone that skipped the check).
    const { ruleset, effectiveFrom } = await call<{ ruleset: Ruleset; effectiveFrom: { kind: string; key: string } }>(
      journey.env.cloud, 'rulesets', 'get', { orgId: GENERAL_BRANCH_ID }, generalBranchAdmin.openid!,
    )
    const looser = { ...ruleset, attendance: { lateGraceMinutes: committeeGrace + 30 } }
    const refused = await refusal(
      journey.env.cloud,
      'rulesets',
      'save',
      { orgId: GENERAL_BRANCH_ID, effectiveFrom: { kind: effectiveFrom.kind, key: effectiveFrom.key }, ruleset: looser, revision: null },
      generalBranchAdmin.openid!,
    )
    expect(refused).toMatchObject({ code: 'INVALID_INPUT' })
    expect(refused.message).toContain(problem)
    expect(await storedRules(GENERAL_BRANCH_ID)).toEqual([])
    await phone.tap('放弃修改')
    expect(phone.page.find('.rules-versions').text).toContain('尚未保存过本组织自己的规则')
  })

  it('a secretary and a plain member have no entry on 我的, and the page opened directly refuses them', async () => {
    const { secretary, plainMembers } = branchCast(journey.env.demo, BRANCH_ID)
    for (const person of [secretary, plainMembers[0]]) {
      const phone = await journey.phone(person.openid!)
      await phone.open(PAGES.me)
      expect(phone.page.text()).not.toContain('组织生活规则')
      await phone.open(PAGES.rulesets)
      expect(phone.page.text()).toContain('只有党委或党总支管理员可以设置规则')
      expect(phone.page.all('.rules-section')).toHaveLength(0)
    }
  })
})
