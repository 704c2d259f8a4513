import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config.ts'
import { digestTime } from '../../../src/mail/digest-period.ts'

const MAIL = {
  SMTP_URL: 'smtp://gloss:secret@mail.example.org:587',
  MAIL_FROM: 'Gloss <gloss@example.org>',
  PUBLIC_URL: 'https://gloss.example.org',
}

describe('mail configuration', () => {
  it('turns mail on with a server, a sender and the public address, with a digest hour of 8 unless said', () => {
    expect(loadConfig(MAIL).mail).toEqual({ smtpUrl: MAIL.SMTP_URL, from: MAIL.MAIL_FROM, digestHour: 8 })
    expect(loadConfig({}).mail).toBeUndefined()
  })

  it('names each variable that is missing or wrong when starting', () => {
    expect(() => loadConfig({ ...MAIL, MAIL_FROM: undefined })).toThrow(/MAIL_FROM: needed with SMTP_URL/)
    expect(() => loadConfig({ ...MAIL, PUBLIC_URL: undefined })).toThrow(/PUBLIC_URL: needed with SMTP_URL/)
    expect(() => loadConfig({ ...MAIL, SMTP_URL: 'http://mail.example.org' })).toThrow(
      /SMTP_URL: an smtp:\/\//,
    )
    expect(() => loadConfig({ ...MAIL, SMTP_URL: 'smtp://gloss@mail.example.org' })).toThrow(
      /needs its password/,
    )
    expect(() => loadConfig({ ...MAIL, MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM: an address/)
    expect(() => loadConfig({ ...MAIL, DIGEST_HOUR: '24' })).toThrow(/DIGEST_HOUR/)
  })
})

describe('when digests go out', () => {
  it('is the latest digest hour in the instance’s zone, daily, or on Mondays for a weekly digest', () => {
    // Thursday 3 December 2026, 10:00 in London (GMT).
    const now = new Date('2026-12-03T10:00:00Z')
    expect(digestTime(now, 'daily', 'Europe/London', 8).toISOString()).toBe('2026-12-03T08:00:00.000Z')
    expect(digestTime(new Date('2026-12-03T07:59:00Z'), 'daily', 'Europe/London', 8).toISOString()).toBe(
      '2026-12-02T08:00:00.000Z',
    )
    expect(digestTime(now, 'weekly', 'Europe/London', 8).toISOString()).toBe('2026-11-30T08:00:00.000Z')
    // Summer time: 8 o'clock in London is 07:00 UTC.
    expect(digestTime(new Date('2026-07-01T12:00:00Z'), 'daily', 'Europe/London', 8).toISOString()).toBe(
      '2026-07-01T07:00:00.000Z',
    )
  })
})
