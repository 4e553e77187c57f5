import { createProductionContext } from '../_shared/production'
import { rebuildSummaries } from '../_shared/summaries'

/** Leaves headroom under CloudBase's 60 s limit (set the function's timeout to 60 s). */
const BUDGET_MS = 45_000
/** The timer fires every 10 minutes at night; one full pass a night is enough. */
const RESTART_AFTER_MS = 12 * 60 * 60 * 1000

/** Timer trigger (see config.json): recompute every branch's summary, resuming where the last run stopped. */
export const main = () => rebuildSummaries(createProductionContext(), { budgetMs: BUDGET_MS, restartAfterMs: RESTART_AFTER_MS })
