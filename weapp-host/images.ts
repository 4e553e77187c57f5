import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'

/** getImageInfo and compressImage over real image bytes (PNG and JPEG, what a phone's album holds). */

export type ImageType = 'png' | 'jpeg'

interface Bitmap {
  width: number
  height: number
  data: Uint8Array
}

export function imageTypeOf(bytes: Uint8Array): ImageType {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png'
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpeg'
  throw new Error('not a PNG or JPEG image')
}

function decode(bytes: Uint8Array): Bitmap & { type: ImageType } {
  const type = imageTypeOf(bytes)
  if (type === 'png') {
    const png = PNG.sync.read(Buffer.from(bytes))
    return { type, width: png.width, height: png.height, data: png.data }
  }
  const image = jpeg.decode(Buffer.from(bytes), { useTArray: true, formatAsRGBA: true })
  return { type, width: image.width, height: image.height, data: image.data }
}

export function readImageInfo(bytes: Uint8Array): { width: number; height: number; type: ImageType } {
  const { width, height, type } = decode(bytes)
  return { width, height, type }
}

/**
 * wx.compressImage: scaled to compressedWidth or compressedHeight (the other side keeps the
 * ratio; neither: the size stays), a PNG stays a PNG, a JPEG is re-encoded at `quality`.
 */
export function compressImage(bytes: Uint8Array, options: { quality: number; width?: number; height?: number }): { type: ImageType; bytes: Uint8Array } {
  const source = decode(bytes)
  const ratio = options.width ? options.width / source.width : options.height ? options.height / source.height : 1
  const width = Math.max(1, Math.round(source.width * Math.min(ratio, 1)))
  const height = Math.max(1, Math.round(source.height * Math.min(ratio, 1)))
  const scaled = width === source.width && height === source.height ? source : scale(source, width, height)
  if (source.type === 'png') {
    const png = new PNG({ width, height })
    png.data = Buffer.from(scaled.data)
    return { type: 'png', bytes: PNG.sync.write(png) }
  }
  return { type: 'jpeg', bytes: jpeg.encode({ width, height, data: Buffer.from(scaled.data) }, options.quality).data }
}

/** Area-average downscaling: each target pixel is the mean of the source pixels it covers. */
function scale(source: Bitmap, width: number, height: number): Bitmap {
  const data = new Uint8Array(width * height * 4)
  const xRatio = source.width / width
  const yRatio = source.height / height
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * yRatio)
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) * yRatio))
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * xRatio)
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) * xRatio))
      const sums = [0, 0, 0, 0]
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const at = (sy * source.width + sx) * 4
          for (let c = 0; c < 4; c++) sums[c] += source.data[at + c]
        }
      }
      const count = (y1 - y0) * (x1 - x0)
      for (let c = 0; c < 4; c++) data[(y * width + x) * 4 + c] = Math.round(sums[c] / count)
    }
  }
  return { width, height, data }
}
