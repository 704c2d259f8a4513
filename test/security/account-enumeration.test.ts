import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { z } from 'zod'
import { API } from '../../src/api.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { newToken } from '../../src/people/tokens.ts'
import { testApp } from '../support/app.ts'
import { consultation, type Consultation } from '../support/consultation.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import { PASSWORD } from '../support/session.ts'
import { Browser, counted } from './account-browser.ts'

const KNOWN = 'kim@example.org'
const UNKNOWN = 'nobody@example.org'
const WRONG = 'not the password at all'

/** Whether a request body schema has an `email` field. */
/** A body with an email address in it (not a field that merely has the name, like how notices are emailed). */
const takesEmail = (schema: z.ZodType) => {
  const shape = (schema as { shape?: Record<string, unknown> }).shape
  return shape !== undefined && 'email' in shape && !(shape.email instanceof z.ZodEnum)
}

/** An answer with the email it was asked about, and anything else that differs per request, blanked. */
const normalised = (text: string, email: string) =>
  text
    .replaceAll(email, '<email>')
    .replaceAll(encodeURIComponent(email), '<email>')
    .replace(/"id":"\d+"/g, '"id":"<id>"')
    // The wait counts down with the clock, which a slow machine moves on between the two asks: compared apart.
    .replace(/try again in \d+ seconds/g, 'try again in <n> seconds')

/** The seconds a refusal says to wait, if it says so. */
const waitOf = (text: string) => Number(/try again in (\d+) seconds/.exec(text)?.[1] ?? NaN)

interface Case {
  /** The status both emails get. */
  status: number
  send: (browser: Browser, email: string) => Promise<Response>
  /** Runs before each email's request, from the same browser. */
  before?: (browser: Browser, email: string) => Promise<unknown>
}

/**
 * Whether an email is registered never shows: every route that takes an email answers a registered one
 * and an unknown one with the same status and body, after the same password work (counted, not timed).
 * The API routes come from the route table, so a new route taking an email fails here until it has a case.
 */
describe(`no route tells a registered email from an unknown one (${databaseKind})`, () => {
  let c: Consultation<'member'>
  let database: TestDatabase
  let app: Hono<AppEnv>
  let admin: Browser
  let member: Browser
  let token = ''
  let spent = ''
  let address = 0
  const fresh = () =>
    new Browser(app, `10.99.${String(Math.floor(address / 250))}.${String((address++ % 250) + 1)}`)

  const openSignUp = (open: boolean) => admin.send('PUT', '/api/settings', { openSignUp: open })

  beforeAll(async () => {
    c = await consultation({
      config: {
        trustProxy: true,
        rateLimits: { signInPerAccount: 3, signInPerAccountOverall: 100, signInPerAddress: 1000 },
      },
      guides: [{ slug: 'consult', markdown: '# Consult\n\nA paragraph.\n', state: 'open' }],
      admin: { email: 'ada@example.org', name: 'Ada' },
      people: { member: { email: KNOWN, name: 'Kim' } },
    })
    ;({ database, app } = c)
    // The admin's and the member's own browsers, each at an address of its own, signed in there.
    const signedIn = async (email: string, at: string) => {
      const browser = new Browser(app, at)
      expect((await browser.send('POST', '/api/session', { email, password: PASSWORD })).status).toBe(200)
      return browser
    }
    admin = await signedIn('ada@example.org', '10.98.0.1')
    member = await signedIn(KNOWN, '10.98.0.2')
    const invite = async () => {
      const made = await admin.send('POST', '/api/guides/consult/invitations', { role: 'reviewer' })
      expect(made.status).toBe(201)
      return ((await made.json()) as { token: string; id: string }).token
    }
    token = await invite()
    const withdrawn = (await (
      await admin.send('POST', '/api/guides/consult/invitations', { role: 'reviewer' })
    ).json()) as { token: string; id: string }
    expect((await admin.send('DELETE', `/api/guides/consult/invitations/${withdrawn.id}`)).status).toBe(204)
    spent = withdrawn.token
  })
  afterAll(async () => {
    await c.close()
  })

  const account = (email: string, more: Record<string, string> = {}) => ({
    email,
    password: PASSWORD,
    displayName: 'Someone',
    ...more,
  })

  const API_CASES: Record<string, Record<string, Case>> = {
    'POST /api/session': {
      'a wrong password': {
        status: 401,
        send: (b, email) => b.send('POST', '/api/session', { email, password: WRONG }),
      },
      'after too many failures from one address': {
        status: 429,
        before: async (b, email) => {
          for (let i = 0; i < 3; i++) await b.send('POST', '/api/session', { email, password: WRONG })
        },
        send: (b, email) => b.send('POST', '/api/session', { email, password: PASSWORD }),
      },
    },
    'POST /api/setup': {
      'once the instance is set up': {
        status: 409,
        send: (b, email) => b.send('POST', '/api/setup', account(email)),
      },
    },
    'POST /api/signup': {
      'while sign-up is closed': {
        status: 403,
        send: (b, email) => b.send('POST', '/api/signup', account(email)),
      },
      'with a short password': {
        status: 422,
        send: (b, email) => b.send('POST', '/api/signup', account(email, { password: 'short' })),
      },
    },
    'POST /api/invitations/:token/accept': {
      'with a withdrawn invitation': {
        status: 410,
        send: (b, email) => b.send('POST', `/api/invitations/${spent}/accept`, account(email)),
      },
      'with an unknown invitation': {
        status: 404,
        send: (b, email) => b.send('POST', `/api/invitations/${newToken()}/accept`, account(email)),
      },
      'without a name': {
        status: 422,
        send: (b, email) => b.send('POST', `/api/invitations/${token}/accept`, { email, password: PASSWORD }),
      },
      'with a short password (an existing account’s password is never asked for)': {
        status: 422,
        send: (b, email) =>
          b.send('POST', `/api/invitations/${token}/accept`, account(email, { password: 'short' })),
      },
    },
  }

  const FORM_CASES: Record<string, Record<string, Case>> = {
    'POST /sign-in': {
      'a wrong password': { status: 401, send: (b, email) => b.form('/sign-in', { email, password: WRONG }) },
    },
    'POST /setup': {
      'once the instance is set up': { status: 409, send: (b, email) => b.form('/setup', account(email)) },
    },
    'POST /signup': {
      'while sign-up is closed': { status: 403, send: (b, email) => b.form('/signup', account(email)) },
    },
    'POST /invitations/:token': {
      'with a withdrawn invitation': {
        status: 410,
        send: (b, email) => b.form(`/invitations/${spent}`, account(email)),
      },
      'without a name': {
        status: 422,
        send: (b, email) => b.form(`/invitations/${token}`, { email, password: PASSWORD }),
      },
    },
  }

  const SIGNED_IN_CASES: Record<string, Record<string, Case>> = {
    'PATCH /api/me': {
      'given an email it does not take': {
        status: 422,
        send: (_, email) => member.send('PATCH', '/api/me', { email }),
      },
    },
  }

  it('has a case for every API route whose body takes an email', () => {
    const taking = Object.entries(API)
      .filter(([, operation]) => operation.body && takesEmail(operation.body))
      .map(([route]) => route)
    expect(taking.sort()).toEqual(Object.keys(API_CASES).sort())
  })

  const ask = async (c: Case, email: string) => {
    const browser = fresh()
    await c.before?.(browser, email)
    const { result, derivations } = await counted(() => c.send(browser, email))
    const text = await result.text()
    return {
      answer: {
        status: result.status,
        type: result.headers.get('content-type'),
        body: normalised(text, email),
        derivations,
        signedIn: browser.signedIn,
      },
      wait: waitOf(text),
    }
  }

  for (const [group, table] of [
    ['API', API_CASES],
    ['form', FORM_CASES],
    ['signed-in', SIGNED_IN_CASES],
  ] as const) {
    for (const [route, cases] of Object.entries(table)) {
      for (const [situation, c] of Object.entries(cases)) {
        it(`${group} ${route}, ${situation}: the same answer after the same work`, async () => {
          await openSignUp(situation === 'with a short password')
          const known = await ask(c, KNOWN)
          const unknown = await ask(c, UNKNOWN)
          expect(known.answer.status).toBe(c.status)
          expect(known.answer).toEqual(unknown.answer)
          // A wait, where there is one, is the same but for the second or two between the asks.
          expect(Number.isNaN(known.wait)).toBe(Number.isNaN(unknown.wait))
          if (!Number.isNaN(known.wait)) expect(Math.abs(known.wait - unknown.wait)).toBeLessThanOrEqual(2)
        })
      }
    }
  }

  it('tells a taken email only to a complete new account, after the address is counted and without hashing', async () => {
    // Without mail to prove an address, making an account for a taken email cannot succeed, so that one
    // answer differs; it costs the asker one of the address's password attempts and the server no hash.
    const limited = await testApp(database, { trustProxy: true, rateLimits: { signInPerAddress: 2 } })
    await openSignUp(true)
    try {
      for (const send of [
        (b: Browser, email: string) => b.send('POST', '/api/signup', account(email)),
        (b: Browser, email: string) => b.send('POST', `/api/invitations/${token}/accept`, account(email)),
        (b: Browser, email: string) => b.form('/signup', account(email)),
        (b: Browser, email: string) => b.form(`/invitations/${token}`, account(email)),
      ]) {
        const prober = new Browser(limited, `10.97.0.${String(++address)}`)
        const taken = await counted(() => send(prober, KNOWN))
        expect(taken.result.status).toBe(409)
        expect(taken.derivations).toBe(0)
        expect(prober.signedIn).toBe(false)
        await send(prober, `probe${String(address)}@example.org`)
        prober.forgetSession()
        const stopped = await counted(() => send(prober, KNOWN))
        expect(stopped.result.status).toBe(429)
        expect(stopped.derivations).toBe(0)
      }
    } finally {
      await openSignUp(false)
    }
  })
})
