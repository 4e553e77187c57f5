/**
 * Draws the tab bar icons (src/assets/tab/*.png, 81×81 as WeChat asks): 首页, 活动, 达标, 我的, each
 * in grey and in the app's red for the selected tab. Run once after changing a shape:
 * `npx tsx scripts/make-tab-icons.ts`; the PNGs are committed.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { deflateSync } from 'node:zlib'
import { crc32 } from '../src/domain/file-formats'

const SIZE = 81
const SAMPLES = 4
const COLORS = { normal: [0x8c, 0x8c, 0x8c], selected: [0xc8, 0x16, 0x1d] } as const

type Shape = (x: number, y: number) => boolean

const segment = (ax: number, ay: number, bx: number, by: number, width: number): Shape => (x, y) => {
  const dx = bx - ax
  const dy = by - ay
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= width / 2
}
const polyline = (points: [number, number][], width: number): Shape => {
  const parts = points.slice(1).map(([x, y], index) => segment(points[index][0], points[index][1], x, y, width))
  return (x, y) => parts.some((part) => part(x, y))
}
const ring = (cx: number, cy: number, radius: number, width: number): Shape => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - radius) <= width / 2
const disc = (cx: number, cy: number, radius: number): Shape => (x, y) => Math.hypot(x - cx, y - cy) <= radius
const box = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1
const frame = (x0: number, y0: number, x1: number, y1: number, width: number): Shape =>
  polyline([[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]], width)
const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((shape) => shape(x, y))

const STROKE = 6
const ICONS: Record<string, Shape> = {
  home: union(polyline([[12, 40], [40.5, 14], [69, 40]], STROKE), polyline([[20, 36], [20, 67], [61, 67], [61, 36]], STROKE), box(34, 48, 47, 67)),
  activities: union(frame(14, 20, 67, 67, STROKE), box(14, 20, 67, 32), segment(28, 12, 28, 26, STROKE), segment(53, 12, 53, 26, STROKE), box(24, 42, 33, 50), box(37, 42, 46, 50), box(50, 42, 59, 50), box(24, 54, 33, 61)),
  compliance: union(ring(40.5, 40.5, 27, STROKE), polyline([[27, 41], [37, 51], [55, 31]], STROKE + 1)),
  me: union(disc(40.5, 28, 13), (x, y) => y >= 47 && y <= 69 && ((x - 40.5) / 26) ** 2 + ((y - 69) / 22) ** 2 <= 1),
}

function png(shape: Shape, [r, g, b]: readonly number[]): Buffer {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1))
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0
    for (let x = 0; x < SIZE; x++) {
      let covered = 0
      for (let sy = 0; sy < SAMPLES; sy++)
        for (let sx = 0; sx < SAMPLES; sx++) if (shape(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES)) covered++
      const at = y * (SIZE * 4 + 1) + 1 + x * 4
      raw.set([r, g, b, Math.round((255 * covered) / (SAMPLES * SAMPLES))], at)
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body) >>> 0)
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header.set([8, 6, 0, 0, 0], 8)
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))])
}

const folder = path.join(process.cwd(), 'src/assets/tab')
for (const [name, shape] of Object.entries(ICONS)) {
  writeFileSync(path.join(folder, `${name}.png`), png(shape, COLORS.normal))
  writeFileSync(path.join(folder, `${name}-active.png`), png(shape, COLORS.selected))
}
console.log(`tab icons written to ${folder}`)
