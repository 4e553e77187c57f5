import { reportsContract } from '../domain/contracts/reports'
import { callContract } from './cloud'

export const fetchReports = (orgId?: string) => callContract('reports', reportsContract, 'list', orgId ? { orgId } : {})
export const fetchReport = (id: string) => callContract('reports', reportsContract, 'detail', { id })
