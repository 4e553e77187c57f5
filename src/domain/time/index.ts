export {
  PERIOD_KINDS,
  PERIOD_KIND_LABELS,
  containsInstant,
  createPeriodCalendar,
  daysToPeriodEnd,
  periodCalendar,
} from './periods'
export type {
  CalendarConfig,
  InstantRange,
  MonthDay,
  Period,
  PeriodCalendar,
  PeriodKind,
  SemesterCalendar,
  SemesterChange,
} from './periods'
export {
  addLocalYears,
  formatLocalDate,
  instantOfWallClock,
  isValidTimeZone,
  splitByLocalDay,
  wallClockOf,
} from './zoned'
export type { WallClock } from './zoned'
