import { administers, rule } from '../../src/domain/authorization'
import { AppError } from '../../src/domain/errors'
import type { Org } from '../../src/domain/model'
import type { MonthlyReport } from '../../src/domain/reports'
import { collectionOf, findOne } from '../_shared/db'
import { scoped } from '../_shared/policy'
import { orgOrFail } from '../_shared/scopes'

/** A stored 月度通报 with its org: for that org's admins (and the 党委's above a 党总支). */
export const onMonthlyReport = <Input>(select: (input: Input) => string) =>
  scoped({
    target: '请求中的月度通报所属的党总支或党委',
    async resolve(input: Input, _caller, context) {
      const report = await findOne<MonthlyReport>(collectionOf(context.db, 'monthlyReports').where({ _id: select(input) }))
      if (!report) throw new AppError('NOT_FOUND', '该月度通报不存在')
      return { report, org: await orgOrFail(context, report.orgId) }
    },
    rules: [rule<{ org: Org }>('该党组织的管理员', '您无权查看该党组织的通报', (caller, { org }) => administers(caller, org))],
  })
