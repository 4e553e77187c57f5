/** Prints every collection and its indexes (from src/domain/collections.ts) as the README's Markdown table. */
import { ALL_COLLECTIONS } from '../src/domain/collections'

const rows = ALL_COLLECTIONS.flatMap((collection) =>
  collection.indexes.map((index) => {
    const fields = index.fields.map((field) => `${field.field} ${field.direction === 1 ? '升序' : '降序'}`).join(', ')
    const kind = index.unique ? (index.sparse ? '唯一（仅有该字段的记录）' : '唯一') : '非唯一'
    return `| \`${collection.name}\` | ${collection.description} | \`${index.name}\` | ${fields} | ${kind} |`
  }),
)
console.log(['| 集合 collection | 说明 | 索引名 index | 字段 fields | 属性 |', '|---|---|---|---|---|', ...rows].join('\n'))
