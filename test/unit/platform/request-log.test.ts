import { describe, expect, it } from 'vitest'
import { loggablePath } from '../../../src/platform/http/request-log.ts'

const TOKEN = 'Zk3q9_secretTOKEN-value'

/** Whoever reads the log must not be able to accept an invitation or reset a password from it. */
describe('the path a request log keeps', () => {
  it.each([
    [`/invitations/${TOKEN}`, '/invitations/[redacted]'],
    [`/api/invitations/${TOKEN}`, '/api/invitations/[redacted]'],
    [`/api/invitations/${TOKEN}/accept`, '/api/invitations/[redacted]/accept'],
    [`/reset/${TOKEN}`, '/reset/[redacted]'],
    [`/api/password-resets/${TOKEN}`, '/api/password-resets/[redacted]'],
    [`/feeds/${TOKEN}`, '/feeds/[redacted]'],
  ])('hides the token in %s', (path, logged) => {
    expect(loggablePath(path)).toBe(logged)
    expect(loggablePath(path)).not.toContain(TOKEN)
  })

  it('drops the query string, where a feed carries its token', () => {
    expect(loggablePath(`/me/feed.atom?token=${TOKEN}`)).toBe('/me/feed.atom')
  })

  it('keeps the rest of the address, so a line still says what was asked for', () => {
    expect(loggablePath('/g/councillors-online/2/b/p-4f2a')).toBe('/g/councillors-online/2/b/p-4f2a')
    expect(loggablePath('/g/councillors-online/invitations')).toBe('/g/councillors-online/invitations')
  })

  it('cuts a hostile, enormous path short', () => {
    expect(loggablePath(`/g/${'x'.repeat(10_000)}`).length).toBeLessThan(600)
  })
})
