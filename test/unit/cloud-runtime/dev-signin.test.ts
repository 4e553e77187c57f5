import { safeReturnPath } from '../../../cloud-runtime/dev-signin'

describe('safeReturnPath: where the dev sign-in page may send the person back to', () => {
  it.each([
    ['/', '/'],
    ['/pages/activity/index?id=a1', '/pages/activity/index?id=a1'],
    ['/pages/gallery/index?branchId=b&month=2026-11#top', '/pages/gallery/index?branchId=b&month=2026-11#top'],
    ['/pages/../pages/home/index', '/pages/home/index'],
  ])('keeps the same-origin path %s', (target, expected) => {
    expect(safeReturnPath(target)).toBe(expected)
  })

  it.each([
    [null],
    [''],
    ['javascript:alert(document.domain)'],
    ['JavaScript:alert(1)'],
    [' javascript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['https://evil.example/'],
    ['//evil.example/pages'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['pages/home/index'],
    ['?return=/'],
  ])('falls back to / for %j', (target) => {
    expect(safeReturnPath(target)).toBe('/')
  })
})
