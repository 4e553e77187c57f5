import { readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

/**
 * The names the real `wx` and `wx.cloud` objects carry, read from WeChat's own type declarations
 * (miniprogram-api-typings). Taro wraps exactly the keys it finds on `wx`, so the host's `wx` must
 * list them all: an API the host does not implement is then still called, and fails with its name.
 */
export interface ApiSurface {
  wx: string[]
  cloud: string[]
}

let cached: ApiSurface | null = null

export function wxApiSurface(): ApiSurface {
  if (cached) return cached
  const typings = path.dirname(require.resolve('miniprogram-api-typings/package.json'))
  cached = {
    wx: membersOf(path.join(typings, 'types', 'wx', 'lib.wx.api.d.ts'), 'Wx'),
    cloud: membersOf(path.join(typings, 'types', 'wx', 'lib.wx.cloud.d.ts'), 'WxCloud'),
  }
  return cached
}

function membersOf(file: string, interfaceName: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false)
  const names = new Set<string>()
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === interfaceName) {
      for (const member of node.members) {
        if (member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) names.add(member.name.text)
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  if (names.size === 0) throw new Error(`no interface ${interfaceName} in ${file}`)
  return [...names]
}
