/**
 * `npm run deploy [-- --dry-run] [-- --env <环境ID>]`: creates or updates a CloudBase environment
 * from the declarations in code (see README, "部署到真实的云开发环境"). Credentials and secrets come
 * from the environment or a prompt, never from the repository.
 */
import { randomBytes } from 'node:crypto'
import { createInterface } from 'node:readline/promises'
import { buildFunctions, FUNCTIONS_OUT_DIR, kb } from '../build-functions'
import { applyDeployment, formatReport, type VariableValues } from './apply'
import { desiredState } from './desired'
import { type Credentials, managementOf } from './management'
import { formatPlan } from './plan'

const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY)

async function ask(question: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout })
  try {
    return (await prompt.question(question)).trim()
  } finally {
    prompt.close()
  }
}

/** Reads a line without echoing it (a secret key). */
async function askHidden(question: string): Promise<string> {
  process.stdout.write(question)
  process.stdin.setRawMode(true)
  process.stdin.resume()
  return new Promise((resolve) => {
    let typed = ''
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          process.stdin.setRawMode(false)
          process.stdin.pause()
          process.stdin.off('data', onData)
          process.stdout.write('\n')
          resolve(typed.trim())
          return
        }
        if (char === '\u0003') process.exit(130)
        typed = char === '\u007f' ? typed.slice(0, -1) : typed + char
      }
    }
    process.stdin.on('data', onData)
  })
}

async function required(name: string, label: string, hidden = false): Promise<string> {
  const value = process.env[name]
  if (value) return value
  if (!interactive) throw new Error(`缺少${label}：请设置环境变量 ${name}`)
  const answer = hidden ? await askHidden(`${label}（${name}）：`) : await ask(`${label}（${name}）：`)
  if (!answer) throw new Error(`缺少${label}`)
  return answer
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name)
  return at === -1 ? undefined : process.argv[at + 1]
}

async function credentials(): Promise<Credentials> {
  return {
    envId: argument('--env') ?? (await required('CLOUDBASE_ENV_ID', '云开发环境 ID')),
    secretId: await required('TENCENTCLOUD_SECRETID', '腾讯云 API 密钥 SecretId'),
    secretKey: await required('TENCENTCLOUD_SECRETKEY', '腾讯云 API 密钥 SecretKey', true),
    sessionToken: process.env.TENCENTCLOUD_SESSIONTOKEN || undefined,
  }
}

const variableValues: VariableValues = {
  given: (name) => process.env[name] || undefined,
  async ask(variable, functionName) {
    if (!interactive) return undefined
    return (await ask(`云函数 ${functionName} 的 ${variable.name}（${variable.description}；直接回车跳过）：`)) || undefined
  },
  generateSecret: () => randomBytes(32).toString('base64url'),
}

async function main(): Promise<void> {
  const desired = desiredState()
  if (process.argv.includes('--dry-run')) {
    console.log(formatPlan(desired))
    return
  }
  const login = await credentials()
  console.log(`构建云函数到 ${FUNCTIONS_OUT_DIR} …`)
  const built = await buildFunctions()
  for (const { name, bytes } of built) console.log(`  ${name}: ${kb(bytes)}`)
  console.log(`部署到云开发环境 ${login.envId} …`)
  const report = await applyDeployment(
    managementOf(login),
    desired,
    { rootDir: FUNCTIONS_OUT_DIR, sha256: Object.fromEntries(built.map(({ name, sha256 }) => [name, sha256])) },
    variableValues,
  )
  console.log(formatReport(report))
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
