/**
 * Every cloud function as CloudBase runs it, declared once: the build writes each bundle's
 * config.json and package.json from it, `npm run deploy` creates and configures the functions
 * from it, and the README's function table is printed from it (`npm run print:functions`).
 * Pure data: the deploy reads it without loading any function code.
 */

import { ALERT_KINDS_TEXT } from '../src/domain/alerts/kinds'

/** CloudBase's Node.js runtime the bundles are built for (esbuild's target follows it). */
export const FUNCTION_RUNTIME = 'Nodejs16.13'
export const BUNDLE_TARGET = 'node16'

/** Installed by CloudBase next to every bundle: the platform SDKs need their own runtime files. */
export const PLATFORM_PACKAGES = ['wx-server-sdk', '@cloudbase/node-sdk'] as const

/** Where an environment variable's value comes from when the deploy sets it. */
export type VariableSource =
  /** A random secret: taken from the deploy's environment, else kept from the deployed function, else generated. */
  | 'secret'
  /** Taken from the deploy's environment, else kept, else asked for; left unset (with a manual step) when nobody answers. */
  | 'ask'
  /** Taken from the deploy's environment or kept; unset means the documented default applies. */
  | 'optional'

export interface EnvironmentVariable {
  name: string
  source: VariableSource
  /** Chinese, for the README and the deploy's prompts and manual steps. */
  description: string
}

export interface TimerTrigger {
  name: string
  /** CloudBase's 7-field cron (second minute hour day month weekday year), in UTC+8. */
  cron: string
  description: string
}

export interface FunctionManifest {
  name: string
  /** Chinese: what the function does (README table, the function's description on CloudBase). */
  purpose: string
  timeoutSeconds: number
  memoryMb: number
  /** WeChat server APIs called through cloud.openapi (config.json `permissions.openapi`). */
  openapi: string[]
  triggers: TimerTrigger[]
  environment: EnvironmentVariable[]
  /** Packages installed beside the bundle instead of bundled, because they read their own files at run time. */
  packages: string[]
  /** Settings no API of the deploy can make, with the exact value (Chinese). */
  manualSteps: string[]
  /** Bundle size budget in KB; the build fails above it (only the hot, user-facing functions have one). */
  bundleBudgetKb?: number
}

/** The compliance-timer trigger that continues ruleset refreshes; the function tells its triggers apart by name (`TriggerName`). */
export const RULES_REFRESH_TRIGGER = 'continueRulesRefreshes'

/** CloudBase's default of 3 s is too short for an action that refreshes a branch summary. */
const CALL_TIMEOUT_SECONDS = 20
/** CloudBase's limit for functions; the timer and the ledger export use all of it. */
const LONG_TIMEOUT_SECONDS = 60
const DEFAULT_MEMORY_MB = 256
/** exceljs and pdfkit build whole workbooks and documents in memory. */
const FILE_MEMORY_MB = 512
const HOT_BUNDLE_BUDGET_KB = 300

const callable = {
  timeoutSeconds: CALL_TIMEOUT_SECONDS,
  memoryMb: DEFAULT_MEMORY_MB,
  openapi: [],
  triggers: [],
  environment: [],
  packages: [],
  manualSteps: [],
} satisfies Omit<FunctionManifest, 'name' | 'purpose'>

const templateVariable = (name: string, what: string): EnvironmentVariable => ({
  name,
  source: 'optional',
  description: `${what}的订阅消息模板 ID（字段见 README“订阅消息模板”）；不设置则这类消息只进消息中心、不推送微信`,
})

export const FUNCTIONS: FunctionManifest[] = [
  { ...callable, name: 'identity', purpose: '我是谁、我的支部' },
  { ...callable, name: 'org', purpose: '组织树、支委班子、党员标识' },
  {
    ...callable,
    name: 'members',
    purpose: '花名册导入（模板下载，xlsx/csv 预览后确认）、身份绑定与审批、解绑、组织关系转接',
    memoryMb: FILE_MEMORY_MB,
  },
  {
    ...callable,
    name: 'activities',
    purpose: '发布/修改/取消活动、请假、补学、结束活动、签到情况',
    bundleBudgetKb: HOT_BUNDLE_BUDGET_KB,
  },
  {
    ...callable,
    name: 'checkin',
    purpose: '轮换签到码（HMAC，30 秒一换）、扫码签到、补签',
    openapi: ['wxacode.getUnlimited'],
    environment: [{ name: 'CHECKIN_TOKEN_SECRET', source: 'secret', description: '签到码的 HMAC 密钥（≥ 32 个字符的随机串，见 docs/checkin.md）' }],
    bundleBudgetKb: HOT_BUNDLE_BUDGET_KB,
  },
  {
    ...callable,
    name: 'reminders',
    purpose: '“提醒我”订阅与活动开始前提醒',
    openapi: ['subscribeMessage.send'],
    triggers: [{ name: 'activityReminders', cron: '0 */10 * * * * *', description: '每 10 分钟' }],
    environment: [
      {
        name: 'REMINDER_TEMPLATE_ID',
        source: 'ask',
        description: '订阅消息模板 ID（模板字段 thing1 主题、time2 开始时间、thing3 地点）；不设置则不发提醒',
      },
      { name: 'MINIPROGRAM_STATE', source: 'optional', description: '提醒打开的小程序版本 formal/trial/developer，默认 formal' },
    ],
  },
  {
    ...callable,
    name: 'evidence',
    purpose: '照片与会议记录（痕迹）、内容安全检测、相册',
    openapi: ['security.msgSecCheck', 'security.mediaCheckAsync'],
    manualSteps: ['微信公众平台“开发管理 → 开发设置 → 消息推送”：选择“云函数”方式，把 wxa_media_check 事件推送到本环境的 evidence 云函数（图片内容安全的异步结果）'],
  },
  {
    ...callable,
    name: 'ledger',
    purpose: '台账导出（组织生活台账 xlsx/PDF、党员信息台账 xlsx）',
    timeoutSeconds: LONG_TIMEOUT_SECONDS,
    memoryMb: FILE_MEMORY_MB,
    environment: [
      { name: 'LEDGER_FONT_PATH', source: 'optional', description: 'PDF 用的中文字体文件路径（.ttf/.otf/.ttc，放在 cloudfunctions/ledger/assets/ 随函数包上传）' },
      { name: 'LEDGER_FONT_NAME', source: 'optional', description: '.ttc 字体集中要用的字形名，默认 NotoSansCJKsc-Regular' },
    ],
    packages: ['pdfkit'],
    manualSteps: [
      'PDF 需要中文字体（十几 MB，不进仓库）：把 NotoSansCJK-Regular.ttc（或其他 .ttf/.otf）放进 cloudfunctions/ledger/assets/，构建会把它复制进函数包；再用 LEDGER_FONT_PATH=/var/user/assets/NotoSansCJK-Regular.ttc npm run deploy 部署（云函数代码位于 /var/user/）',
    ],
  },
  { ...callable, name: 'compliance', purpose: '我的学时、支部达标、达标看板、达标测评表评分（只读预计算的汇总）' },
  { ...callable, name: 'rulesets', purpose: '党委的规则与党总支的从严规定：按生效周期保存、预览影响、分批重算各支部汇总' },
  { ...callable, name: 'inbox', purpose: '待办与审批：请假、补学、自学学时、身份绑定、联合活动邀请的待审批事项与处理记录' },
  {
    ...callable,
    name: 'compliance-timer',
    purpose: '每晚分批重算各支部汇总；规则集修改后接着分批重算其下各支部；超时前保存断点、下次接着算',
    timeoutSeconds: LONG_TIMEOUT_SECONDS,
    triggers: [
      { name: 'rebuildSummaries', cron: '0 */10 1-5 * * * *', description: '每晚 1–5 点每 10 分钟' },
      { name: RULES_REFRESH_TRIGGER, cron: '0 */10 * * * * *', description: '每 10 分钟（续算规则集修改后尚未重算的支部）' },
    ],
  },
  {
    ...callable,
    name: 'messages',
    purpose: '消息中心（预警、督办、审批结果、通报）、一次性订阅次数、定时推送订阅消息',
    openapi: ['subscribeMessage.send'],
    triggers: [{ name: 'dispatchMessages', cron: '0 */5 * * * * *', description: '每 5 分钟' }],
    environment: [
      templateVariable('ALERT_TEMPLATE_ID', '预警'),
      templateVariable('SUPERVISION_TEMPLATE_ID', '督办'),
      templateVariable('RESULT_TEMPLATE_ID', '审批结果'),
      templateVariable('REPORT_TEMPLATE_ID', '月度通报'),
      { name: 'MINIPROGRAM_STATE', source: 'optional', description: '消息打开的小程序版本 formal/trial/developer，默认 formal' },
    ],
  },
  {
    ...callable,
    name: 'alerts',
    purpose: `每日预警（${ALERT_KINDS_TEXT}）与各事项负责支委`,
    timeoutSeconds: LONG_TIMEOUT_SECONDS,
    triggers: [{ name: 'scanAlerts', cron: '0 0 8 * * * *', description: '每天 8 点' }],
  },
  { ...callable, name: 'supervision', purpose: '督办：党总支/党委督办红黄灯支部，书记回复，状态跟踪' },
  {
    ...callable,
    name: 'reports',
    purpose: '月度通报（每月 1 日生成上月通报，各党总支与党委）',
    timeoutSeconds: LONG_TIMEOUT_SECONDS,
    triggers: [{ name: 'monthlyReports', cron: '0 */10 6-9 * * * *', description: '每天 6–9 点每 10 分钟（已生成则跳过）' }],
  },
]

export function functionManifest(name: string): FunctionManifest {
  const manifest = FUNCTIONS.find((candidate) => candidate.name === name)
  if (!manifest) throw new Error(`cloud function ${name} is not declared in cloudfunctions/manifest.ts`)
  return manifest
}

/** The config.json WeChat DevTools reads when a function folder is uploaded. */
export function devtoolsConfigOf(manifest: FunctionManifest) {
  return {
    permissions: { openapi: manifest.openapi },
    ...(manifest.triggers.length > 0
      ? { triggers: manifest.triggers.map((trigger) => ({ name: trigger.name, type: 'timer', config: trigger.cron })) }
      : {}),
  }
}
