import type { ManualScoreDocument, Org } from '../../src/domain/model'
import { DEFAULT_RULESET } from '../../src/domain/ruleset'
import type { DemoClock } from './clock'
import type { Random } from './random'
import type { BranchRoster } from './roster'

const COMMENTS = ['材料齐全，工作扎实', '按要求落实，成效较好', '有亮点，可进一步总结经验', '基本落实，需加强日常记录']

/**
 * The general branches have scored this year's manual items of the 达标 sheet, so totals and
 * grades look like a working year: most branches between 达标 and 优秀, the weakest lower.
 */
export function scoreManualItems(
  rosters: BranchRoster[],
  orgs: Org[],
  clock: DemoClock,
  random: Random,
): ManualScoreDocument[] {
  const admins = rosters.flatMap((roster) => roster.members).filter((member) => member.adminOrgIds.length > 0)
  const manualItems = Object.entries(DEFAULT_RULESET.scoring.items).filter(([, item]) => item.method.kind === 'manual')
  return rosters.flatMap((roster) => {
    const branch = orgs.find((org) => org._id === roster.id)
    // The admin of the branch's own general branch; the party committee's where there is none.
    const scorer = [...(branch?.ancestorIds ?? [])].reverse().flatMap((id) => admins.filter((admin) => admin.adminOrgIds.includes(id)))[0]
    if (!scorer) return []
    const share = roster.spec.story.cancelsLastMonthThemeDay ? 0.6 : 0.78 + random.next() * 0.2
    return manualItems.map(([itemId, item]) => ({
      _id: `${roster.id}_${clock.today.year}_${itemId}`,
      branchId: roster.id,
      year: clock.today.year,
      itemId,
      score: Math.round(item.maxScore * share * 2) / 2,
      comment: random.pick(COMMENTS),
      scoredBy: scorer._id,
      scoredAt: clock.now,
    }))
  })
}
