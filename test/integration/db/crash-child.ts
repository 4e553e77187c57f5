/**
 * Child process of crash-safety.test.ts (run with `node --import tsx`): opens the database in
 * argv[2] and runs one transaction over two collections, then tells the parent and waits to be
 * killed. argv[3] says when: 'mid' (after some writes, before commit) or 'committed'; argv[4] is
 * how many members the transaction adds.
 */
import type { Transaction } from '@cloudbase/database/dist/commonjs/transaction/index'
import { LocalDatabase } from '../../../cloud-runtime/db/local-database'
import { ALL_COLLECTIONS } from '../../../src/domain/collections'

async function main(dir: string, moment: string, memberCount: number): Promise<void> {
  const database = await LocalDatabase.open({ dir, collections: ALL_COLLECTIONS, transactionTimeoutMs: 600_000 })
  const db = database.createDb()
  const waitForKill = () => new Promise<never>(() => setInterval(() => undefined, 1_000))
  await db.runTransaction(async (transaction: Transaction) => {
    for (let i = 0; i < memberCount / 2; i += 1) {
      await transaction.collection('members').add({ _id: `crash-m${i}`, number: `C${i}`, name: `导入${i}` })
    }
    await transaction.collection('members').doc('kept-edited').update({ name: '事务中改名' })
    await transaction.collection('members').doc('kept-removed').remove()
    await transaction.collection('audit_log').add({ _id: 'crash-audit', action: 'roster.import' })
    for (let i = memberCount / 2; i < memberCount; i += 1) {
      await transaction.collection('members').add({ _id: `crash-m${i}`, number: `C${i}`, name: `导入${i}` })
    }
    if (moment === 'mid') {
      process.send?.('mid-transaction')
      await waitForKill()
    }
  })
  process.send?.('committed')
  await waitForKill()
}

main(process.argv[2], process.argv[3], Number(process.argv[4])).catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
