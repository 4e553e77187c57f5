import type { CalendarConfig } from '../time'

/**
 * The default ruleset's calendar: its time zone and semesters. A module of its own so that pages
 * which only show dates and periods do not carry the whole ruleset (DEFAULT_RULESET spreads it).
 */
export const DEFAULT_CALENDAR = {
  timeZone: 'Asia/Shanghai',
  semesters: {
    spring: { month: 2, day: 1 },
    autumn: { month: 8, day: 1 },
  },
} as const satisfies CalendarConfig
