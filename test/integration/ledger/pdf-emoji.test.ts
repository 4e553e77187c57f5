import { startLedgerPdf } from '../../../cloudfunctions/ledger/pdf'
import { ledgerFont } from '../../../cloudfunctions/ledger/font'
import { withoutPictographs } from '../../../src/domain/file-formats'
import { pdfText } from '../../support/pdf-text'

describe('PDF text without emoji (the Chinese font has none: they printed as boxes)', () => {
  it('drops pictographs and their modifiers, keeps the Chinese, digits and punctuation', () => {
    expect(withoutPictographs('🎉主题党日✅：重温誓词 👍🏽 第1️⃣次 ❤️‍🔥')).toBe('主题党日：重温誓词 第1次 ')
    expect(withoutPictographs('出席 12 人（85%）· 2026年11月')).toBe('出席 12 人（85%）· 2026年11月')
  })

  it('the 台账 and 通报 PDF print what people typed without the emoji', async () => {
    const { doc, finish } = startLedgerPdf(ledgerFont(), { title: '计算机学院教工党支部🚩', subtitle: '组织生活台账', caption: '生成于 2026-11-21' })
    doc.text('1. 主题党日🎉：重温入党誓词✊', { width: 400 })
    const text = pdfText(await finish())
    expect(text).toContain('计算机学院教工党支部')
    expect(text).toContain('主题党日：重温入党誓词')
    expect(text).not.toMatch(/\p{Extended_Pictographic}/u)
  })
})
