/** Prints the subscribe-message templates (src/domain/messages/templates.ts) as the README's Markdown table. */
import { templateTable } from './readme-tables'

console.log(templateTable())
