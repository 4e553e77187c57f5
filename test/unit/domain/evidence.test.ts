import {
  cloudPathOfFileId,
  detectDocumentType,
  detectImageType,
  evidenceCloudPath,
  excerpt,
  fitLongEdge,
  parseEvidenceCloudPath,
} from '../../../src/domain/evidence'

describe('evidence rules', () => {
  it('reads the real type of a file from its first bytes, not its name', () => {
    expect(detectImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xdb, 0]))).toBe('jpeg')
    expect(detectImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png')
    expect(detectImageType(new TextEncoder().encode('GIF89a'))).toBeNull()
    expect(detectImageType(new Uint8Array([0xff, 0xd8]))).toBeNull()
    expect(detectDocumentType(new TextEncoder().encode('%PDF-1.7'))).toBe('pdf')
    expect(detectDocumentType(new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBe('docx')
    expect(detectDocumentType(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('doc')
    expect(detectDocumentType(new TextEncoder().encode('plain text'))).toBeNull()
  })

  it('builds and parses evidence paths, refusing anything outside the scheme', () => {
    const path = evidenceCloudPath('org-a', 'act-1', 'x1', 'jpg')
    expect(path).toBe('evidence/org-a/act-1/x1.jpg')
    expect(parseEvidenceCloudPath(path)).toEqual({ branchId: 'org-a', activityId: 'act-1', name: 'x1', extension: 'jpg' })
    expect(parseEvidenceCloudPath('evidence/org-a/../act-1/x.jpg')).toBeNull()
    expect(parseEvidenceCloudPath('ledgers/org-a/x.xlsx')).toBeNull()
    expect(parseEvidenceCloudPath('evidence/org-a/act-1/x.exe')).toBeNull()
    expect(cloudPathOfFileId('cloud://env-1.bucket/evidence/a/b/c.jpg')).toBe('evidence/a/b/c.jpg')
    expect(cloudPathOfFileId('https://example.com/x.jpg')).toBeNull()
  })

  it('fits a photo into the long edge without enlarging it', () => {
    expect(fitLongEdge(4000, 3000, 1280)).toEqual({ width: 1280, height: 960 })
    expect(fitLongEdge(3000, 4000, 1280)).toEqual({ width: 960, height: 1280 })
    expect(fitLongEdge(800, 600, 1280)).toEqual({ width: 800, height: 600 })
  })

  it('shortens minutes for lists', () => {
    expect(excerpt('一\n二  三', 10)).toBe('一 二 三')
    expect(excerpt('一二三四五', 3)).toBe('一二三…')
    expect(excerpt(null, 3)).toBe('')
  })
})
