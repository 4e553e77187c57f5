/**
 * setData the way WeChat applies it: each key is a path (`a.b[2].c`, also Taro's `root.cn.[0].v`),
 * missing objects and arrays along it are created, the value is copied as JSON would carry it from
 * the logic layer to the view (functions and undefined fields are dropped).
 */
export type PathStep = string | number

export function parseDataPath(path: string): PathStep[] {
  const steps: PathStep[] = []
  let key = ''
  let i = 0
  const flushKey = () => {
    if (key !== '') steps.push(key)
    key = ''
  }
  while (i < path.length) {
    const char = path[i]
    if (char === '.') {
      flushKey()
      i++
    } else if (char === '[') {
      flushKey()
      const close = path.indexOf(']', i)
      const index = close === -1 ? '' : path.slice(i + 1, close)
      if (!/^\d+$/.test(index)) throw new Error(`setData: invalid path "${path}" (an index must be a number in [ ])`)
      steps.push(Number(index))
      i = close + 1
    } else {
      key += char
      i++
    }
  }
  flushKey()
  if (steps.length === 0) throw new Error(`setData: empty path "${path}"`)
  return steps
}

/** A copy of what crosses from the logic layer to the view: JSON semantics. */
export function viewCopy(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value))
}

type Container = Record<string, unknown> | unknown[]

/** Applies one setData call to `data` in place; answers the keys whose value was undefined (not sent, as in WeChat). */
export function applySetData(data: Record<string, unknown>, patch: Record<string, unknown>): string[] {
  const skipped: string[] = []
  for (const [path, raw] of Object.entries(patch)) {
    if (raw === undefined) {
      skipped.push(path)
      continue
    }
    const value = viewCopy(raw)
    const steps = parseDataPath(path)
    let target: Container = data
    for (let s = 0; s < steps.length - 1; s++) {
      const step = steps[s]
      const nextIsIndex = typeof steps[s + 1] === 'number'
      const current = (target as Record<string, unknown>)[step as string]
      if (current === null || typeof current !== 'object') {
        const created: Container = nextIsIndex ? [] : {}
        ;(target as Record<string, unknown>)[step as string] = created
        target = created
      } else target = current as Container
    }
    ;(target as Record<string, unknown>)[steps[steps.length - 1] as string] = value
  }
  return skipped
}
