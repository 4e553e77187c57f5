import { complianceTimerContract } from '../../src/domain/contracts/platform'
import { defineCloudFunction } from '../_shared/define-function'
import { action, platform } from '../_shared/policy'
import { rebuildSummaries } from '../_shared/summaries'

/** Leaves headroom under CloudBase's 60 s limit (set the function's timeout to 60 s). */
const BUDGET_MS = 45_000
/** The timer fires every 10 minutes at night; one full pass a night is enough. */
const RESTART_AFTER_MS = 12 * 60 * 60 * 1000

/** Timer trigger (see config.json): recompute every branch's summary, resuming where the last run stopped. */
export const complianceTimer = defineCloudFunction(
  complianceTimerContract,
  {
    rebuild: action(platform('timer'), async (_input, _access, context) =>
      rebuildSummaries(context, { budgetMs: BUDGET_MS, restartAfterMs: RESTART_AFTER_MS }),
    ),
  },
  { timer: 'rebuild' },
)
