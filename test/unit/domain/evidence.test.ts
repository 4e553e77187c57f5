import {
  cloudPathOfFileId,
  evidenceCloudPath,
  excerpt,
  fitLongEdge,
  parseEvidenceCloudPath,
} from '../../../src/domain/evidence'

describe('evidence rules', () => {
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
