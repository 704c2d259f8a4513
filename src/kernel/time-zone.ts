import { plural } from './plural.ts'

/**
 * Times are stored in UTC and read and written by people in the instance's time zone (`TIME_ZONE`).
 * Only Intl is used: Node carries the zone database, so summer time needs no library of ours.
 */

/** Whether Intl knows the zone (an IANA name such as `Europe/London`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

const partsFormat = new Map<string, Intl.DateTimeFormat>()

/** The wall-clock fields of an instant in a zone, as numbers. */
function wallClock(at: Date, zone: string) {
  let format = partsFormat.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    partsFormat.set(zone, format)
  }
  const field = (type: Intl.DateTimeFormatPartTypes) =>
    Number(format.formatToParts(at).find((part) => part.type === type)?.value)
  return {
    year: field('year'),
    month: field('month'),
    day: field('day'),
    hour: field('hour'),
    minute: field('minute'),
    second: field('second'),
  }
}

/** How far the zone's clocks are ahead of UTC at an instant, in milliseconds. */
function offsetAt(at: Date, zone: string): number {
  const w = wallClock(at, zone)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  return asUtc - (at.getTime() - at.getMilliseconds())
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

/**
 * A `datetime-local` value (`2027-03-28T09:00`) read as a time in the zone. Undefined when it is not a
 * date, or when that wall-clock time never happens there (the hour skipped when clocks go forward).
 * In the hour that happens twice when clocks go back, the first of the two is meant.
 */
export function zonedTimeToUtc(local: string, zone: string): Date | undefined {
  const m = LOCAL.exec(local)
  if (!m) return undefined
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const wall = Date.UTC(year, month - 1, day, hour, minute, Number.isNaN(second) ? 0 : second)
  const check = new Date(wall)
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23) return undefined
  // The offset a few hours either side covers both offsets of a change; the earlier instant wins.
  const candidates = [...new Set([-12, 12].map((h) => offsetAt(new Date(wall + h * 3_600_000), zone)))]
    .map((offset) => new Date(wall - offset))
    .filter((at) => offsetAt(at, zone) === wall - at.getTime())
    .sort((a, b) => a.getTime() - b.getTime())
  return candidates[0]
}

/** An instant as a `datetime-local` value in the zone, to put back into a form. */
export function utcToZonedInput(at: Date, zone: string): string {
  const w = wallClock(at, zone)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${String(w.year)}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}`
}

const longFormat = new Map<string, Intl.DateTimeFormat>()

/**
 * "3 December 2026 at 10:04 GMT": the date, the time and the zone's name at that date; in Welsh (`cy`)
 * as Intl writes it, "3 Rhagfyr 2026 am 10:04 GMT".
 */
export function formatInZone(at: Date, zone: string, language = 'en'): string {
  let format = longFormat.get(`${language}:${zone}`)
  if (!format) {
    format = new Intl.DateTimeFormat(`${language}-GB`, {
      timeZone: zone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    })
    longFormat.set(`${language}:${zone}`, format)
  }
  // English keeps its own "at", which Intl writes differently from one Node version to the next.
  if (language !== 'en') return format.format(at)
  const parts = format.formatToParts(at)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('day')} ${part('month')} ${part('year')} at ${part('hour')}:${part('minute')} ${part('timeZoneName')}`
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** "in 5 days", "in 3 hours", "within the hour": how far off a moment is, for a closing or an opening. */
export function timeUntil(at: Date, now: Date): string {
  const ahead = at.getTime() - now.getTime()
  if (ahead < HOUR) return 'within the hour'
  if (ahead < DAY) {
    return `in ${plural(Math.floor(ahead / HOUR), 'hour')}`
  }
  return `in ${plural(Math.round(ahead / DAY), 'day')}`
}
