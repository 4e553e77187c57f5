import { readFileSync } from 'node:fs'
import path from 'node:path'

const SIGNIN_PAGE = path.join(__dirname, 'dev-pages', 'signin.html')
const RETURN_PLACEHOLDER = '"__RETURN_PATH__"'
/** Any origin: only used to tell whether a target stays on the page's own. */
const PROBE_ORIGIN = 'http://signin.invalid'

/**
 * Where the dev sign-in page may send the person back to: a path on this site, as given, or '/'.
 * Refuses schemes (`javascript:`, `data:`, `https:`), protocol-relative `//host` and `/\host`
 * (browsers read `\` as `/`), and control characters (browsers drop tabs and newlines, so
 * `/\t/host` would become `//host`).
 */
export function safeReturnPath(target: string | null): string {
  if (!target || !target.startsWith('/') || /[\\\p{Cc}]/u.test(target) || target.startsWith('//')) return '/'
  try {
    const url = new URL(target, PROBE_ORIGIN)
    return url.origin === PROBE_ORIGIN ? url.pathname + url.search + url.hash : '/'
  } catch {
    return '/'
  }
}

/** The sign-in page with its return target checked here, on the server. */
export function renderSigninPage(returnTarget: string | null): string {
  // In a <script>: JSON of a URL path, with '<' escaped so it cannot close the script.
  const literal = JSON.stringify(safeReturnPath(returnTarget)).replaceAll('<', '\\u003c')
  return readFileSync(SIGNIN_PAGE, 'utf8').replace(RETURN_PLACEHOLDER, literal)
}
