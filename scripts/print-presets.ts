/** Prints the ruleset presets and the documents their rules come from (src/domain/ruleset/presets.ts) as the README's table. */
import { presetTable } from './readme-tables'

console.log(presetTable())
