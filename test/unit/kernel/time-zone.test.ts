import { describe, expect, it } from 'vitest'
import {
  formatInZone,
  isTimeZone,
  timeUntil,
  utcToZonedInput,
  zonedTimeToUtc,
} from '../../../src/kernel/time-zone.ts'
import { plural } from '../../../src/kernel/plural.ts'

const LONDON = 'Europe/London'

describe('times in the instance’s zone', () => {
  it('reads a winter time in London as UTC and a summer time as an hour earlier', () => {
    expect(zonedTimeToUtc('2027-01-15T17:00', LONDON)?.toISOString()).toBe('2027-01-15T17:00:00.000Z')
    expect(zonedTimeToUtc('2027-07-15T17:00', LONDON)?.toISOString()).toBe('2027-07-15T16:00:00.000Z')
    expect(zonedTimeToUtc('2027-07-15T17:00', 'UTC')?.toISOString()).toBe('2027-07-15T17:00:00.000Z')
    expect(zonedTimeToUtc('2027-07-15T17:00', 'America/New_York')?.toISOString()).toBe(
      '2027-07-15T21:00:00.000Z',
    )
  })

  it('refuses the hour skipped when the clocks go forward, and takes the first of the hour that repeats', () => {
    // 28 March 2027: London goes from 01:00 GMT to 02:00 BST.
    expect(zonedTimeToUtc('2027-03-28T01:30', LONDON)).toBeUndefined()
    expect(zonedTimeToUtc('2027-03-28T00:59', LONDON)?.toISOString()).toBe('2027-03-28T00:59:00.000Z')
    expect(zonedTimeToUtc('2027-03-28T02:00', LONDON)?.toISOString()).toBe('2027-03-28T01:00:00.000Z')
    // 31 October 2027: 01:30 happens twice, first in BST.
    expect(zonedTimeToUtc('2027-10-31T01:30', LONDON)?.toISOString()).toBe('2027-10-31T00:30:00.000Z')
  })

  it('refuses what is not a date', () => {
    expect(zonedTimeToUtc('2027-02-30T10:00', LONDON)).toBeUndefined()
    expect(zonedTimeToUtc('next Tuesday', LONDON)).toBeUndefined()
    expect(zonedTimeToUtc('2027-02-03T24:30', LONDON)).toBeUndefined()
  })

  it('shows a time with its zone’s name for that date, and puts it back into a form as it was typed', () => {
    expect(formatInZone(new Date('2026-12-03T10:04:00Z'), LONDON)).toBe('3 December 2026 at 10:04 GMT')
    expect(formatInZone(new Date('2027-07-15T16:00:00Z'), LONDON)).toBe('15 July 2027 at 17:00 BST')
    expect(formatInZone(new Date('2027-07-15T16:00:00Z'), 'UTC')).toBe('15 July 2027 at 16:00 UTC')
    expect(utcToZonedInput(new Date('2027-07-15T16:00:00Z'), LONDON)).toBe('2027-07-15T17:00')
    expect(utcToZonedInput(new Date('2027-01-15T17:00:00Z'), LONDON)).toBe('2027-01-15T17:00')
  })

  it('knows the zones Intl knows', () => {
    expect(isTimeZone(LONDON)).toBe(true)
    expect(isTimeZone('Europe/Londres')).toBe(false)
  })

  it('says how far off a closing is', () => {
    const now = new Date('2027-01-10T12:00:00Z')
    expect(timeUntil(new Date('2027-01-15T12:00:00Z'), now)).toBe('in 5 days')
    expect(timeUntil(new Date('2027-01-11T12:00:00Z'), now)).toBe('in 1 day')
    expect(timeUntil(new Date('2027-01-10T15:30:00Z'), now)).toBe('in 3 hours')
    expect(timeUntil(new Date('2027-01-10T12:20:00Z'), now)).toBe('within the hour')
  })
})

describe('counts', () => {
  it('says 1 comment and 2 comments, with thousands separated', () => {
    expect(plural(1, 'comment')).toBe('1 comment')
    expect(plural(2, 'comment')).toBe('2 comments')
    expect(plural(0, 'comment')).toBe('0 comments')
    expect(plural(1204, 'reply', 'replies')).toBe('1,204 replies')
  })
})
