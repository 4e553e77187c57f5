import { existsSync } from 'node:fs'
import { AppError } from '../../src/domain/errors'

/** Debian/Ubuntu `fonts-noto-cjk`; in production ship the font with the function and set LEDGER_FONT_PATH. */
export const DEFAULT_LEDGER_FONT_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
/** PostScript name of the face inside the .ttc collection (ignored for a .ttf/.otf). */
export const DEFAULT_LEDGER_FONT_NAME = 'NotoSansCJKsc-Regular'

export interface LedgerFont {
  path: string
  name: string | undefined
}

/** The Chinese font of the PDF 台账, or a clear refusal when the server has none. */
export function ledgerFont(env: NodeJS.ProcessEnv = process.env): LedgerFont {
  const path = env.LEDGER_FONT_PATH || DEFAULT_LEDGER_FONT_PATH
  if (!existsSync(path)) {
    throw new AppError('INTERNAL', `服务器缺少中文字体文件（${path}），无法生成 PDF 台账，请联系管理员配置 LEDGER_FONT_PATH`)
  }
  const isCollection = path.toLowerCase().endsWith('.ttc')
  return { path, name: isCollection ? env.LEDGER_FONT_NAME || DEFAULT_LEDGER_FONT_NAME : undefined }
}
