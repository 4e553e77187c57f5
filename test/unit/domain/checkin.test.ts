import {
  CHECKIN_ROTATE_SECONDS,
  checkinPhase,
  checkinWindowOf,
  decodeCheckinScene,
  defaultCheckinWindow,
  distanceMeters,
  encodeCheckinScene,
  formatToken,
  parseToken,
  quorumOf,
  tokenAge,
  tokenFromScan,
  WXACODE_SCENE_MAX_LENGTH,
} from '../../../src/domain/checkin'
import { DEFAULT_RULESET } from '../../../src/domain/ruleset'

const NOW = new Date('2026-11-21T06:00:10.000Z')
const SIG = 'abcdefghijkl'

describe('check-in tokens (pure part)', () => {
  it('rotates every 30 s and accepts the current and the previous window only', () => {
    const window = checkinWindowOf(NOW)
    expect(checkinWindowOf(new Date(NOW.getTime() + CHECKIN_ROTATE_SECONDS * 1000))).toBe(window + 1)
    expect(tokenAge(window, NOW)).toBe('current')
    expect(tokenAge(window - 1, NOW)).toBe('previous')
    expect(tokenAge(window - 2, NOW)).toBe('expired')
    expect(tokenAge(window + 1, NOW)).toBe('future')
  })

  it('parses what it formats and refuses anything else', () => {
    const token = formatToken('aXyZ09_-abcd', 58_000_000, SIG)
    expect(parseToken(token)).toMatchObject({ activityId: 'aXyZ09_-abcd', window: 58_000_000, signature: SIG })
    for (const bad of ['', 'a.b', `a.${'0'.repeat(3)}.${SIG}`, `a.1.${SIG}x`, `a b.1.${SIG}`, `a.1.${SIG}.x`, `a.ZZ.${SIG}`]) {
      expect(parseToken(bad)).toBeNull()
    }
  })

  it('fits a token of a 12-character activity id into a wxacode scene and back', () => {
    const token = formatToken('aAbCdEfGhIjK', checkinWindowOf(NOW), SIG)
    const scene = encodeCheckinScene(token)!
    expect(scene.length).toBeLessThanOrEqual(WXACODE_SCENE_MAX_LENGTH)
    expect(decodeCheckinScene(encodeURIComponent(scene))).toBe(token)
    expect(encodeCheckinScene(formatToken('act-cs-teacher-202611-general', 1, SIG))).toBeNull()
    expect(decodeCheckinScene('%E0%A4%A')).toBeNull()
  })

  it('reads the token from a link, a wxacode path or the bare text', () => {
    const token = formatToken('aAbCdEfGhIjK', 5, SIG)
    expect(tokenFromScan(`https://example.org/pages/checkin-scan/index?t=${encodeURIComponent(token)}`)).toBe(token)
    expect(tokenFromScan(`pages/checkin-scan/index?scene=${encodeURIComponent(token)}`)).toBe(token)
    expect(tokenFromScan(` ${token} `)).toBe(token)
    expect(tokenFromScan('https://example.org/?t=nonsense')).toBeNull()
  })
})

describe('check-in window, distance, quorum', () => {
  it('defaults to 30 min before the start until 30 min after the end', () => {
    const window = defaultCheckinWindow({ startAt: new Date('2026-11-21T06:00:00Z'), endAt: new Date('2026-11-21T08:00:00Z') }, DEFAULT_RULESET)
    expect(window).toEqual({ opensAt: new Date('2026-11-21T05:30:00Z'), closesAt: new Date('2026-11-21T08:30:00Z') })
    const activity = { checkinOpensAt: window.opensAt, checkinClosesAt: window.closesAt, status: 'scheduled' as const }
    expect(checkinPhase(activity, new Date('2026-11-21T05:29:59Z'))).toBe('not_open')
    expect(checkinPhase(activity, new Date('2026-11-21T08:30:00Z'))).toBe('open')
    expect(checkinPhase(activity, new Date('2026-11-21T08:30:01Z'))).toBe('closed')
    expect(checkinPhase({ ...activity, status: 'closed' }, new Date('2026-11-21T06:00:00Z'))).toBe('closed')
  })

  it('measures great-circle distance in metres', () => {
    const here = { latitude: 39.999, longitude: 116.326 }
    expect(distanceMeters(here, here)).toBe(0)
    expect(distanceMeters(here, { latitude: 40.009, longitude: 116.326 })).toBeCloseTo(1112, -1)
  })

  it('needs strictly more than half of the expected for a 党员大会', () => {
    expect(quorumOf(['party_congress'], 5, 10, DEFAULT_RULESET.activityTypes)).toEqual({ required: true, share: 0.5, reached: false })
    expect(quorumOf(['party_congress', 'theme_day'], 6, 10, DEFAULT_RULESET.activityTypes).reached).toBe(true)
    expect(quorumOf(['theme_day'], 0, 10, DEFAULT_RULESET.activityTypes)).toEqual({ required: false, share: null, reached: null })
  })
})
