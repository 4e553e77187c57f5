/** Rewrites the policy table of docs/SECURITY.md from the policies declared in code. */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { withPolicyTable } from './policy-table'

const file = path.resolve(__dirname, '..', 'docs', 'SECURITY.md')
writeFileSync(file, withPolicyTable(readFileSync(file, 'utf8')))
console.log(`已更新 ${path.relative(process.cwd(), file)} 中的权限表`)
