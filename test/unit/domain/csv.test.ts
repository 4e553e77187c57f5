import { forEachCsvRow } from '../../../src/domain/csv'

const rowsOf = (text: string) => {
  const rows: string[][] = []
  forEachCsvRow(text, (cells) => rows.push(cells))
  return rows
}

describe('forEachCsvRow', () => {
  it('splits cells and rows on CRLF, LF and CR, with no extra row for a final line end', () => {
    expect(rowsOf('姓名,学号\r\n张三,T1\n李四,T2\rx,y\r\n')).toEqual([['姓名', '学号'], ['张三', 'T1'], ['李四', 'T2'], ['x', 'y']])
    expect(rowsOf('a,,\n\n,b')).toEqual([['a', '', ''], [''], ['', 'b']])
    expect(rowsOf('')).toEqual([['']])
  })

  it('reads quoted cells with commas, line ends and doubled quotes inside', () => {
    expect(rowsOf('"张,三","第一行\r\n第二行","他说""好"""\nend')).toEqual([['张,三', '第一行\r\n第二行', '他说"好"'], ['end']])
  })

  it('keeps what Excel keeps: text after a closing quote, a quote inside a plain cell, an unclosed quote to the end', () => {
    expect(rowsOf('"ab"c,d"e')).toEqual([['abc', 'd"e']])
    expect(rowsOf('x,"open\nstill open')).toEqual([['x', 'open\nstill open']])
  })

  it('stops where the caller throws', () => {
    const seen: string[][] = []
    expect(() =>
      forEachCsvRow('a\nb\nc\nd', (cells) => {
        seen.push(cells)
        if (seen.length === 2) throw new Error('enough')
      }),
    ).toThrow('enough')
    expect(seen).toEqual([['a'], ['b']])
  })
})
