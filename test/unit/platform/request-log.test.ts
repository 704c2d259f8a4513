import { describe, expect, it } from 'vitest'
import pino from 'pino'
import { loggablePath, placeMembers, requestMembers } from '../../../src/platform/http/request-log.ts'
import { infoLine, lineOptions } from '../../../src/platform/log.ts'

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

/** The request line is made by hand for speed (log.ts, infoLine): it must be the line pino would write. */
describe('the request line', () => {
  const pinoLine = (fields: object, msg: string) => {
    let line = ''
    pino({ ...lineOptions, level: 'info' }, { write: (written: string) => (line = written) }).info(
      fields,
      msg,
    )
    return line
  }
  const withoutTime = (line: string) => {
    const { time, ...rest } = JSON.parse(line) as { time: string }
    expect(Date.parse(time)).not.toBeNaN()
    return rest
  }

  it.each([
    {
      requestId: 'a1b2c3d4-0000-4000-8000-000000000000',
      method: 'GET',
      path: '/g/nist/1',
      route: '/g/:slug/:n',
      status: 200,
      durationMs: 0.04,
    },
    {
      requestId: 'from-proxy.42',
      method: 'POST',
      path: '/api/guides/x/comments',
      route: '/api/guides/:slug/comments',
      status: 201,
      durationMs: 12.345,
      viewerId: 7,
    },
    {
      requestId: 'r-00000001',
      method: 'GET',
      path: '/g/"quoted"\\back\u0001\u2028/é😀',
      route: '(unmatched)',
      status: 404,
      durationMs: 1000,
    },
    {
      requestId: 'r-00000002',
      method: 'HEAD',
      path: `/invitations/${TOKEN}?next=/x`,
      route: '/invitations/:token',
      status: 200,
      durationMs: 3,
    },
  ])('is pino’s line for $method $path', (answered) => {
    const line = infoLine(requestMembers(answered), 'request')
    const expected = pinoLine(
      {
        requestId: answered.requestId,
        method: answered.method,
        path: loggablePath(answered.path),
        route: answered.route,
        status: answered.status,
        durationMs: Math.round(answered.durationMs * 10) / 10,
        viewerId: answered.viewerId,
      },
      'request',
    )
    expect(line.endsWith('}\n')).toBe(true)
    expect(withoutTime(line)).toEqual(withoutTime(expected))
    // The same members in the same order, as a reader scanning lines sees them.
    expect(Object.keys(JSON.parse(line) as object)).toEqual(Object.keys(JSON.parse(expected) as object))
    expect(line).not.toContain(TOKEN)
    // The front cache makes a page's path and route members once and hands them in: the same line.
    expect(requestMembers(answered, placeMembers(answered.path, answered.route))).toBe(
      requestMembers(answered),
    )
  })
})
