import { START_PAGE } from '../../config/start-page'
import { PAGES } from '../../src/routes'

/** app.config.ts declares the pages and subpackages; src/routes.ts is what navigation uses: they must name the same pages. */
type AppConfig = { pages: string[]; subPackages: { root: string; pages: string[] }[] }
function appConfig(): AppConfig {
  ;(globalThis as { defineAppConfig?: (config: unknown) => unknown }).defineAppConfig = (config) => config
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../src/app.config').default as AppConfig
}

describe('page routes', () => {
  it('lists exactly the pages app.config.ts declares, main package and subpackages', () => {
    const config = appConfig()
    const declared = [...config.pages, ...config.subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`))]
    expect(Object.values(PAGES).map((route) => route.slice(1)).sort()).toEqual(declared.sort())
  })

  it('starts on the home page, the page the build keeps later-common out of (config/start-page.ts)', () => {
    expect(appConfig().pages[0]).toBe(START_PAGE)
    expect(PAGES.home).toBe(`/${START_PAGE}`)
  })
})
