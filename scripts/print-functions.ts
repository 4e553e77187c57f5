/** Prints every cloud function's configuration (cloudfunctions/manifest.ts) as the README's Markdown table. */
import { functionTable } from './readme-tables'

console.log(functionTable())
