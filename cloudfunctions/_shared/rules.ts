import type { Db } from '@cloudbase/database'
import type { Org } from '../../src/domain/model'
import type { Ruleset, RulesetTimeline } from '../../src/domain/ruleset'
import { composeRules } from '../../src/domain/ruleset/versions'
import type { Period } from '../../src/domain/time'
import { storedRulesOf } from '../rulesets/store'

/** What the rules of an org are looked up by: the org's place in the tree names its committee and 党总支. */
export type RulesOrg = Pick<Org, '_id' | 'kind' | 'ancestorIds'>

/**
 * The one way to the rules, carried in every function's context. Read on each call (one database
 * read for the committee's and the 党总支's documents), so a rule saved a moment ago applies at
 * once and a summary computed after a ticket never uses rules older than that ticket.
 */
export interface RulesAccess {
  /** The ruleset for `org` that judges `when`: a period by the rules in force on its first day, an instant by those in force then. */
  rulesetFor(org: RulesOrg, when: Period | Date): Promise<Ruleset>
  /** The rules for `org` over time (what the compliance engine evaluates with). */
  rulesOverTime(org: RulesOrg): Promise<RulesetTimeline>
}

export function rulesAccessOn(db: Db, log: (message: string, detail?: unknown) => void): RulesAccess {
  const rulesOverTime = async (org: RulesOrg) => {
    const { committee, generalBranch } = await storedRulesOf(db, org)
    const { timeline, problems } = composeRules(committee, generalBranch)
    if (problems.length > 0) log(`the tightening of ${generalBranch?._id} no longer applies; the committee's rules stand`, problems)
    return timeline
  }
  return {
    rulesOverTime,
    async rulesetFor(org, when) {
      const timeline = await rulesOverTime(org)
      return when instanceof Date ? timeline.at(when) : timeline.forPeriod(when)
    },
  }
}
