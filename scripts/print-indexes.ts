/** Prints every collection and its indexes (src/domain/collections.ts) as the README's Markdown table. */
import { collectionTable } from './readme-tables'

console.log(collectionTable())
