import { applySetData, parseDataPath } from '../../../weapp-host/set-data'

describe('setData paths', () => {
  it.each([
    ['a', ['a']],
    ['a.b[2].c', ['a', 'b', 2, 'c']],
    ['root.cn.[0].cn.[12].v', ['root', 'cn', 0, 'cn', 12, 'v']],
    ['list[0][1]', ['list', 0, 1]],
  ])('%s → %j', (path, steps) => {
    expect(parseDataPath(path)).toEqual(steps)
  })

  it.each(['a[x]', 'a[', ''])('refuses %j', (path) => {
    expect(() => parseDataPath(path)).toThrow('setData')
  })

  it('copies values as JSON would, creates what is missing and answers the keys left undefined', () => {
    const data: Record<string, unknown> = { a: { b: [1, 2, 3] } }
    const value = { when: new Date('2026-11-21T02:00:00.000Z'), drop: () => 1 }
    const skipped = applySetData(data, { 'a.b[1]': value, 'x.y': 1, gone: undefined })
    expect(data).toEqual({ a: { b: [1, { when: '2026-11-21T02:00:00.000Z' }, 3] }, x: { y: 1 } })
    expect(skipped).toEqual(['gone'])
  })
})
