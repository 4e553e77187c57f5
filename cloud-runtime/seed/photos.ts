import { PNG } from 'pngjs'

/** Small generated pictures standing in for the photos branches upload as 痕迹. */
export type DemoScene = 'meetingRoom' | 'lectureHall' | 'memorial' | 'certificate'
export type DemoPhotos = Record<DemoScene, Uint8Array>

const WIDTH = 320
const HEIGHT = 240

type Rgb = readonly [number, number, number]

/** Draws whole spans of 32-bit pixels: per-byte loops are slow enough to matter at start-up. */
class Canvas {
  private readonly png = new PNG({ width: WIDTH, height: HEIGHT })
  private readonly pixels = new Uint32Array(this.png.data.buffer, this.png.data.byteOffset, WIDTH * HEIGHT)

  fillRect(left: number, top: number, width: number, height: number, color: Rgb): void {
    const value = opaquePixel(color)
    for (let y = Math.max(0, top); y < Math.min(HEIGHT, top + height); y++) this.fillSpan(y, left, left + width, value)
  }

  /** Top-to-bottom blend between two colors over the rows [top, top + height). */
  fillGradient(top: number, height: number, from: Rgb, to: Rgb): void {
    for (let row = 0; row < height; row++) {
      const share = row / Math.max(1, height - 1)
      const blend = (channel: number): number => Math.round(from[channel] + (to[channel] - from[channel]) * share)
      this.fillRect(0, top + row, WIDTH, 1, [blend(0), blend(1), blend(2)])
    }
  }

  fillCircle(centerX: number, centerY: number, radius: number, color: Rgb): void {
    const value = opaquePixel(color)
    for (let y = Math.max(0, centerY - radius); y <= Math.min(HEIGHT - 1, centerY + radius); y++) {
      const halfWidth = Math.floor(Math.sqrt(radius ** 2 - (y - centerY) ** 2))
      this.fillSpan(y, centerX - halfWidth, centerX + halfWidth + 1, value)
    }
  }

  toPng(): Uint8Array {
    // pngjs tries every row filter by default; one fixed filter encodes several times faster.
    return PNG.sync.write(this.png, { filterType: 1, deflateLevel: 6 })
  }

  /** Pixels [from, to) of row y, clipped to the picture. */
  private fillSpan(y: number, from: number, to: number, value: number): void {
    this.pixels.fill(value, y * WIDTH + Math.max(0, from), y * WIDTH + Math.min(WIDTH, to))
  }
}

/** RGBA bytes read back as one 32-bit value, whatever the platform's byte order. */
function opaquePixel([red, green, blue]: Rgb): number {
  return new Uint32Array(new Uint8Array([red, green, blue, 255]).buffer)[0]
}

const PARTY_RED: Rgb = [196, 30, 36]
const GOLD: Rgb = [232, 188, 64]
const SKIN: Rgb = [232, 194, 160]
const HAIR: Rgb = [40, 34, 30]

function drawPerson(canvas: Canvas, centerX: number, headY: number, jacket: Rgb): void {
  canvas.fillRect(centerX - 14, headY + 10, 28, 34, jacket)
  canvas.fillCircle(centerX, headY, 11, SKIN)
  canvas.fillRect(centerX - 11, headY - 11, 22, 6, HAIR)
}

function drawMeetingRoom(canvas: Canvas): void {
  canvas.fillGradient(0, 170, [238, 229, 210], [214, 200, 176])
  canvas.fillRect(0, 170, WIDTH, 70, [150, 110, 80])
  canvas.fillRect(50, 18, 220, 40, PARTY_RED)
  canvas.fillCircle(72, 38, 9, GOLD)
  const jackets: Rgb[] = [[44, 62, 96], [70, 70, 76], [32, 48, 72], [96, 60, 52], [52, 76, 64]]
  jackets.forEach((jacket, index) => drawPerson(canvas, 60 + index * 50, 112, jacket))
  canvas.fillRect(24, 150, 272, 26, [118, 78, 48])
  canvas.fillRect(24, 150, 272, 4, [150, 104, 68])
}

function drawLectureHall(canvas: Canvas): void {
  canvas.fillGradient(0, HEIGHT, [104, 112, 136], [64, 68, 84])
  canvas.fillRect(84, 20, 152, 90, [236, 240, 244])
  canvas.fillRect(84, 20, 152, 16, PARTY_RED)
  drawPerson(canvas, 267, 52, [36, 44, 70])
  canvas.fillRect(250, 78, 34, 50, [120, 82, 52])
  for (let row = 0; row < 3; row++) {
    for (let seat = 0; seat < 9; seat++) {
      canvas.fillCircle(28 + seat * 33 + (row % 2) * 12, 150 + row * 30, 10 + row, HAIR)
    }
  }
}

function drawMemorial(canvas: Canvas): void {
  canvas.fillGradient(0, 180, [112, 164, 226], [204, 226, 246])
  canvas.fillRect(0, 180, WIDTH, 60, [92, 148, 84])
  canvas.fillRect(138, 34, 44, 150, [196, 196, 190])
  canvas.fillRect(146, 20, 28, 16, [176, 176, 170])
  canvas.fillRect(110, 172, 100, 16, [160, 160, 154])
  for (const [x, y] of [[40, 150], [70, 162], [250, 156], [284, 146]] as const) {
    canvas.fillRect(x - 3, y, 6, 24, [96, 70, 46])
    canvas.fillCircle(x, y - 6, 18, [54, 118, 62])
  }
  canvas.fillRect(226, 60, 3, 120, [90, 90, 90])
  canvas.fillRect(229, 60, 34, 22, PARTY_RED)
  const jackets: Rgb[] = [[44, 62, 96], [32, 48, 72], [70, 70, 76], [52, 76, 64]]
  jackets.forEach((jacket, index) => drawPerson(canvas, 100 + index * 40, 196, jacket))
}

function drawCertificate(canvas: Canvas): void {
  canvas.fillRect(0, 0, WIDTH, HEIGHT, [214, 218, 224])
  canvas.fillRect(30, 20, 260, 200, PARTY_RED)
  canvas.fillRect(38, 28, 244, 184, [252, 246, 232])
  canvas.fillRect(110, 44, 100, 12, [200, 60, 56])
  for (let line = 0; line < 5; line++) canvas.fillRect(64, 80 + line * 20, line === 4 ? 110 : 192, 6, [150, 146, 140])
  canvas.fillCircle(236, 176, 24, [214, 64, 56])
  canvas.fillCircle(236, 176, 16, [252, 246, 232])
  canvas.fillCircle(236, 176, 8, [214, 64, 56])
}

function render(paint: (canvas: Canvas) => void): Uint8Array {
  const canvas = new Canvas()
  paint(canvas)
  return canvas.toPng()
}

/** One PNG per scene; callers share these byte arrays across many file paths. */
export function renderDemoPhotos(): DemoPhotos {
  return {
    meetingRoom: render(drawMeetingRoom),
    lectureHall: render(drawLectureHall),
    memorial: render(drawMemorial),
    certificate: render(drawCertificate),
  }
}
