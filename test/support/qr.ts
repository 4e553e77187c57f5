import jsQR from 'jsqr'
import { PNG } from 'pngjs'

/** What a camera reads off a PNG showing a QR code, or null when it finds none. */
export function decodeQrPng(bytes: Uint8Array): string | null {
  const png = PNG.sync.read(Buffer.from(bytes))
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null
}
