import { build } from 'esbuild'
import path from 'node:path'
import { readdirSync, existsSync } from 'node:fs'
const root = process.cwd()
const minify = process.argv.includes('--minify')
async function main() {
  for (const name of readdirSync('cloudfunctions').filter((n) => existsSync(path.join('cloudfunctions', n, 'index.ts')))) {
    const external = ['wx-server-sdk', '@cloudbase/node-sdk', ...(name === 'ledger' ? ['pdfkit'] : [])]
    const result = await build({ entryPoints: [path.join(root, 'cloudfunctions', name, 'index.ts')], bundle: true, platform: 'node', target: 'node16', format: 'cjs', external, write: false, metafile: true, minify, legalComments: 'none', logLevel: 'error' })
    const inputs = Object.keys(result.metafile.inputs)
    const heavy = ['exceljs', 'pdfkit', 'jszip', 'qrcode', 'dayjs', 'zod', 'pngjs'].filter((p) => inputs.some((i) => i.includes(`node_modules/${p}/`)) || (p === 'pdfkit' && name === 'ledger'))
    const size = result.outputFiles[0].contents.byteLength
    console.log(`${name.padEnd(18)} ${(size / 1024).toFixed(1).padStart(8)} KB  ${heavy.join(',')}`)
  }
}
main()
