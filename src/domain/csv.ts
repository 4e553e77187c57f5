const COMMA = 0x2c
const QUOTE = 0x22
const CR = 0x0d
const LF = 0x0a

/** Index of the next comma or line end at or after `from`, or the text's length. */
function nextDelimiter(text: string, from: number): number {
  for (let at = from; at < text.length; at++) {
    const code = text.charCodeAt(at)
    if (code === COMMA || code === CR || code === LF) return at
  }
  return text.length
}

/**
 * Splits CSV text (RFC 4180: commas, CRLF, LF or CR line ends, double-quoted cells with "" for a
 * quote) into rows of cells and hands each row to `onRow` as soon as it ends, so a caller that
 * throws stops the reading there. One pass, linear in the length of the text whatever it holds
 * (CSV libraries re-scan an unfinished row on every chunk: quadratic on one huge row). Like
 * Excel: text after a closing quote is kept, an unclosed quote runs to the end, a final line end
 * makes no extra row.
 */
export function forEachCsvRow(text: string, onRow: (cells: string[]) => void): void {
  let cells: string[] = []
  let at = 0
  for (;;) {
    let value = ''
    if (text.charCodeAt(at) === QUOTE) {
      let from = at + 1
      for (;;) {
        const close = text.indexOf('"', from)
        if (close < 0) {
          value += text.slice(from)
          at = text.length
          break
        }
        value += text.slice(from, close)
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += '"'
          from = close + 2
          continue
        }
        at = close + 1
        break
      }
    }
    const end = nextDelimiter(text, at)
    value += text.slice(at, end)
    cells.push(value)
    at = end
    if (at >= text.length) return onRow(cells)
    if (text.charCodeAt(at) === COMMA) {
      at++
      continue
    }
    at += text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF ? 2 : 1
    onRow(cells)
    cells = []
    if (at >= text.length) return
  }
}
