import { execFileSync } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(__dirname, '..', '..')

/**
 * Text of a PDF through pdf-parse. pdf.js loads its worker with a dynamic import, which jest's
 * module VM refuses, so the extraction runs in a child node (like the lint-rule tests).
 */
export function pdfText(bytes: Uint8Array): string {
  const script = `
    const { PDFParse } = require('pdf-parse')
    const chunks = []
    process.stdin.on('data', (chunk) => chunks.push(chunk))
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: Buffer.concat(chunks) })
      const result = await parser.getText()
      await parser.destroy()
      process.stdout.write(result.text)
    })
  `
  return execFileSync(process.execPath, ['-e', script], { cwd: root, input: Buffer.from(bytes), maxBuffer: 64 * 1024 * 1024 }).toString('utf8')
}
