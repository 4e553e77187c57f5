import { reportsContract } from '../domain/contracts/reports'
import { callAction, registerContract } from './cloud'

registerContract('reports', reportsContract)

export const fetchReports = (orgId?: string) => callAction('reports', 'list', orgId ? { orgId } : {})
export const fetchReport = (id: string) => callAction('reports', 'detail', { id })
