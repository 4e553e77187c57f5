import { PAGES } from '../../src/routes'

/** app.config.ts declares the pages and subpackages; src/routes.ts is what navigation uses: they must name the same pages. */
describe('page routes', () => {
  it('lists exactly the pages app.config.ts declares, main package and subpackages', () => {
    ;(globalThis as { defineAppConfig?: (config: unknown) => unknown }).defineAppConfig = (config) => config
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require('../../src/app.config').default as { pages: string[]; subPackages: { root: string; pages: string[] }[] }
    const declared = [...config.pages, ...config.subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`))]
    expect(Object.values(PAGES).map((route) => route.slice(1)).sort()).toEqual(declared.sort())
  })
})
