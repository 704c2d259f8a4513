import { utcToZonedInput, zonedTimeToUtc } from '../kernel/time-zone.ts'

const DAY = 24 * 60 * 60_000
const pad = (n: number) => String(n).padStart(2, '0')

/** `hour` o'clock on a local date, as an instant; an hour the clocks skip moves to the next one. */
function atHour(date: { year: number; month: number; day: number }, hour: number, zone: string): Date {
  const day = `${String(date.year)}-${pad(date.month)}-${pad(date.day)}`
  for (let h = hour; h < 24; h++) {
    const at = zonedTimeToUtc(`${day}T${pad(h)}:00`, zone)
    if (at) return at
  }
  return new Date(Date.UTC(date.year, date.month - 1, date.day))
}

/** The local date `days` after the one of `at` in the zone (calendar arithmetic, so summer time is no matter). */
function localDate(at: Date, zone: string, days = 0) {
  const [y, m, d] = utcToZonedInput(at, zone).slice(0, 10).split('-').map(Number) as [number, number, number]
  const shifted = new Date(Date.UTC(y, m - 1, d) + days * DAY)
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    weekday: (shifted.getUTCDay() + 6) % 7,
  }
}

/**
 * When the digest now due was (or is) assembled: the latest `hour` o'clock in the instance's zone, each
 * day for a daily digest, each Monday for a weekly one, at or before `now`. A digest bundles the notices
 * written before it that no message has carried yet, so each person gets one per period.
 */
export function digestTime(now: Date, period: 'daily' | 'weekly', zone: string, hour: number): Date {
  for (let back = 0; back <= 8; back++) {
    const date = localDate(now, zone, -back)
    if (period === 'weekly' && date.weekday !== 0) continue
    const at = atHour(date, hour, zone)
    if (at.getTime() <= now.getTime()) return at
  }
  throw new Error('no digest time in the last eight days')
}
