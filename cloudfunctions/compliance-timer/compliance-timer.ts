import { complianceTimerContract } from '../../src/domain/contracts/platform'
import { defineCloudFunction } from '../_shared/define-function'
import { RULES_REFRESH_TRIGGER } from '../manifest'
import { action, noSummaryEffect, platform } from '../_shared/policy'
import { continueAllRulesRefreshes, rebuildSummaries } from '../_shared/summaries'

/** Leaves headroom under CloudBase's 60 s limit (set the function's timeout to 60 s). */
const BUDGET_MS = 45_000
/** The timer fires every 10 minutes at night; one full pass a night is enough. */
const RESTART_AFTER_MS = 12 * 60 * 60 * 1000

/**
 * Timer triggers (see config.json): every night, recompute every branch's summary, resuming where
 * the last run stopped; every 10 minutes, continue the refresh a ruleset change started.
 */
export const complianceTimer = defineCloudFunction(
  complianceTimerContract,
  {
    rebuild: action(platform('timer'), noSummaryEffect, async (_input, _access, context) =>
      rebuildSummaries(context, { budgetMs: BUDGET_MS, restartAfterMs: RESTART_AFTER_MS }),
    ),
    continueRulesRefreshes: action(platform('timer'), noSummaryEffect, async (_input, _access, context) =>
      continueAllRulesRefreshes(context, BUDGET_MS),
    ),
  },
  { timer: (event) => ((event as { TriggerName?: unknown } | null)?.TriggerName === RULES_REFRESH_TRIGGER ? 'continueRulesRefreshes' : 'rebuild') },
)
