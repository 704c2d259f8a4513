import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API } from '../../src/api.ts'
import type { Access } from '../../src/platform/http/contract.ts'
import { listSessions, writeSetting } from '../../src/people/people.repository.ts'
import { startSession } from '../../src/people/account.service.ts'
import { databaseKind } from '../support/database.ts'
import { PASSWORD } from '../support/session.ts'
import { ROLES, RouteFixture, type Caller, type Role, type TestGuide } from './route-fixture.ts'

/**
 * Who may call each route, walked from the route table the OpenAPI document is made from: a route
 * added there without a case here fails, and each case's expectations follow from the access the
 * table declares, so the document and the server cannot disagree about who may call what.
 */

interface Call {
  method: string
  path: string
  body?: unknown
  /** Who calls: the role's fresh caller unless the case needs its own. */
  caller?: Caller | undefined
}

interface Case {
  /** The status a caller who may call the route gets. */
  ok: number
  /** Prepares one call as `role`: fresh guides and people, so calls never disturb each other. */
  call: (
    f: RouteFixture,
    role: Role,
    me: (guide?: TestGuide) => Promise<Caller | undefined>,
  ) => Call | Promise<Call>
  /** Where the route's own rule is narrower than its access line says, the status each role gets. */
  expect?: Partial<Record<Role, number>>
  after?: (f: RouteFixture) => Promise<void>
}

/** What each role gets from a route of this access: 'ok' is the route's success status. */
const BY_ACCESS: Record<Access, Record<Role, number | 'ok'>> = {
  anyone: { public: 'ok', outsider: 'ok', reviewer: 'ok', otherEditor: 'ok', editor: 'ok', admin: 'ok' },
  'signed in': { public: 401, outsider: 'ok', reviewer: 'ok', otherEditor: 'ok', editor: 'ok', admin: 'ok' },
  'people taking part in the guide': {
    public: 401,
    outsider: 403,
    reviewer: 'ok',
    otherEditor: 403,
    editor: 'ok',
    admin: 'ok',
  },
  'its author': { public: 401, outsider: 403, reviewer: 'ok', otherEditor: 403, editor: 'ok', admin: 'ok' },
  'editors of the guide': {
    public: 401,
    outsider: 403,
    reviewer: 403,
    otherEditor: 403,
    editor: 'ok',
    admin: 'ok',
  },
  editors: { public: 401, outsider: 403, reviewer: 403, otherEditor: 'ok', editor: 'ok', admin: 'ok' },
  admins: { public: 401, outsider: 403, reviewer: 403, otherEditor: 403, editor: 403, admin: 'ok' },
  'the first person': {
    public: 409,
    outsider: 409,
    reviewer: 409,
    otherEditor: 409,
    editor: 409,
    admin: 409,
  },
}

const REVISED = (g: TestGuide) =>
  `# ${g.slug}\n\nThe first paragraph, revised.\n\nThe second paragraph, with more words.\n`
const blockComments = (g: TestGuide) => `/api/guides/${g.slug}/editions/1/blocks/${g.keys[1] ?? ''}/comments`

/** The author's own comment, for the routes only its author may call; someone else's for the rest. */
const ownComment = async (
  f: RouteFixture,
  role: Role,
  me: (guide?: TestGuide) => Promise<Caller | undefined>,
) => {
  const guide = await f.guide()
  const caller = await me(guide)
  const canWrite = role === 'reviewer' || role === 'editor' || role === 'admin'
  const id = await f.comment(guide, canWrite ? caller : undefined)
  return { guide, caller, id }
}

const CASES: Record<string, Case> = {
  'GET /api/openapi.json': { ok: 200, call: () => ({ method: 'GET', path: '/api/openapi.json' }) },
  'POST /api/setup': {
    ok: 201,
    call: () => ({
      method: 'POST',
      path: '/api/setup',
      body: { email: 'late@example.org', password: PASSWORD, displayName: 'Late' },
    }),
  },
  'POST /api/session': {
    ok: 200,
    // Everyone signs in with an account of their own: the public with a fresh one.
    call: async (f, _role, me) => {
      const caller = await me()
      const account = caller ?? (await f.person())
      return {
        method: 'POST',
        path: '/api/session',
        caller,
        body: { email: account.email, password: PASSWORD },
      }
    },
  },
  'DELETE /api/session': { ok: 204, call: () => ({ method: 'DELETE', path: '/api/session' }) },
  'POST /api/signup': {
    ok: 201,
    call: async (f) => {
      await writeSetting(f.db, 'openSignUp', true)
      return {
        method: 'POST',
        path: '/api/signup',
        body: {
          email: `new-${String(Math.random()).slice(2)}@example.org`,
          password: PASSWORD,
          displayName: 'New',
        },
      }
    },
    after: (f) => writeSetting(f.db, 'openSignUp', false).then(() => undefined),
  },
  'GET /api/me': { ok: 200, call: () => ({ method: 'GET', path: '/api/me' }) },
  'PATCH /api/me': {
    ok: 200,
    call: () => ({
      method: 'PATCH',
      path: '/api/me',
      body: { organisation: 'Harrowby District Council' },
    }),
  },
  'POST /api/me/password': {
    ok: 204,
    call: () => ({
      method: 'POST',
      path: '/api/me/password',
      body: { currentPassword: PASSWORD, newPassword: 'another horse battery' },
    }),
  },
  'GET /api/me/sessions': { ok: 200, call: () => ({ method: 'GET', path: '/api/me/sessions' }) },
  'DELETE /api/me/sessions/:id': {
    ok: 204,
    // Ends another session of one's own; for the public, a session that exists.
    call: async (f, _role, me) => {
      const caller = await me()
      const owner = caller ?? (await f.person())
      await startSession(f.db, owner.id, 'another browser')
      const sessions = await listSessions(f.db, owner.id)
      const other = sessions.find((s) => s.userAgent === 'another browser')
      return { method: 'DELETE', path: `/api/me/sessions/${String(other?.id)}`, caller }
    },
  },
  'POST /api/me/erase': {
    ok: 204,
    call: () => ({ method: 'POST', path: '/api/me/erase', body: { password: PASSWORD } }),
  },
  'GET /api/me/comments': { ok: 200, call: () => ({ method: 'GET', path: '/api/me/comments' }) },
  'GET /api/me/notifications': { ok: 200, call: () => ({ method: 'GET', path: '/api/me/notifications' }) },
  'GET /api/me/follows': { ok: 200, call: () => ({ method: 'GET', path: '/api/me/follows' }) },
  'POST /api/me/notifications/read': {
    ok: 200,
    call: () => ({ method: 'POST', path: '/api/me/notifications/read', body: {} }),
  },
  'GET /api/me/notifications/events': {
    ok: 200,
    call: () => ({ method: 'GET', path: '/api/me/notifications/events' }),
    // Every page's header asks: the public get nothing to stream, quietly.
    expect: { public: 204 },
  },
  'GET /api/guides/:slug/follow': {
    ok: 200,
    call: async (f) => ({ method: 'GET', path: `/api/guides/${(await f.guide()).slug}/follow` }),
  },
  'GET /api/guides/:slug/blocks/:key/follow': {
    ok: 200,
    call: async (f) => {
      const g = await f.guide()
      return { method: 'GET', path: `/api/guides/${g.slug}/blocks/${g.keys[1] ?? ''}/follow` }
    },
  },
  'PUT /api/guides/:slug/follow': {
    ok: 200,
    call: async (f) => ({ method: 'PUT', path: `/api/guides/${(await f.guide()).slug}/follow` }),
  },
  'DELETE /api/guides/:slug/follow': {
    ok: 200,
    call: async (f) => ({ method: 'DELETE', path: `/api/guides/${(await f.guide()).slug}/follow` }),
  },
  'PUT /api/guides/:slug/blocks/:key/follow': {
    ok: 200,
    call: async (f) => {
      const g = await f.guide()
      return { method: 'PUT', path: `/api/guides/${g.slug}/blocks/${g.keys[1] ?? ''}/follow` }
    },
  },
  'DELETE /api/guides/:slug/blocks/:key/follow': {
    ok: 200,
    call: async (f) => {
      const g = await f.guide()
      return { method: 'DELETE', path: `/api/guides/${g.slug}/blocks/${g.keys[1] ?? ''}/follow` }
    },
  },
  'GET /api/me/notification-settings': {
    ok: 200,
    call: () => ({ method: 'GET', path: '/api/me/notification-settings' }),
  },
  'PUT /api/me/notification-settings': {
    ok: 200,
    call: () => ({ method: 'PUT', path: '/api/me/notification-settings', body: { email: 'weekly' } }),
  },
  'GET /api/guides': { ok: 200, call: () => ({ method: 'GET', path: '/api/guides' }) },
  'POST /api/guides': {
    ok: 201,
    call: async (f, _role, me) => {
      // "Editors" are editors of any guide: the editor case needs a guide to be an editor of.
      const caller = await me(await f.guide('draft'))
      return {
        method: 'POST',
        path: '/api/guides',
        caller,
        body: { markdown: `# A new guide ${String(Math.random()).slice(2)}\n\nIts text.\n` },
      }
    },
  },
  'GET /api/guides/:slug': {
    ok: 200,
    call: async (f) => ({ method: 'GET', path: `/api/guides/${(await f.guide()).slug}` }),
  },
  'GET /api/guides/:slug/editions/:n': {
    ok: 200,
    call: async (f) => ({ method: 'GET', path: `/api/guides/${(await f.guide()).slug}/editions/1` }),
  },
  'POST /api/guides/:slug/editions/preview': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return {
        method: 'POST',
        path: `/api/guides/${g.slug}/editions/preview`,
        caller: await me(g),
        body: { markdown: REVISED(g) },
      }
    },
  },
  'GET /api/guides/:slug/working-draft': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return { method: 'GET', path: `/api/guides/${g.slug}/working-draft`, caller: await me(g) }
    },
  },
  'PUT /api/guides/:slug/working-draft': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return {
        method: 'PUT',
        path: `/api/guides/${g.slug}/working-draft`,
        caller: await me(g),
        body: { markdown: REVISED(g) },
      }
    },
  },
  'POST /api/guides/:slug/editions': {
    ok: 201,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return {
        method: 'POST',
        path: `/api/guides/${g.slug}/editions`,
        caller: await me(g),
        body: { markdown: REVISED(g) },
      }
    },
  },
  'PUT /api/guides/:slug/editions/:n/placements/:commentId': {
    ok: 200,
    call: async (f, _role, me) => {
      // A comment carried from edition 1 into edition 2, placed back under "comments on removed text".
      const g = await f.guide()
      const id = await f.comment(g)
      const revised = await f.request('POST', `/api/guides/${g.slug}/editions`, f.admin, {
        markdown: REVISED(g),
      })
      expect(revised.status).toBe(201)
      return {
        method: 'PUT',
        path: `/api/guides/${g.slug}/editions/2/placements/${id}`,
        caller: await me(g),
        body: { blockKey: null },
      }
    },
  },
  'GET /api/guides/:slug/editions/:n/lineage': {
    ok: 200,
    call: async (f) => ({ method: 'GET', path: `/api/guides/${(await f.guide()).slug}/editions/1/lineage` }),
  },
  'POST /api/guides/:slug/editions/:n/transitions': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return {
        method: 'POST',
        path: `/api/guides/${g.slug}/editions/1/transitions`,
        caller: await me(g),
        body: { to: 'closed' },
      }
    },
  },
  'POST /api/guides/:slug/editions/:n/translations': {
    ok: 201,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return {
        method: 'POST',
        path: `/api/guides/${g.slug}/editions/1/translations`,
        caller: await me(g),
        // The fixture's guide: a heading and two paragraphs, so the Welsh has the same three blocks.
        body: {
          lang: 'cy',
          markdown: '# Canllaw\n\nY paragraff cyntaf.\n\nYr ail baragraff, gyda mwy o eiriau.\n',
        },
      }
    },
  },
  'GET /api/guides/:slug/moderation-log': {
    ok: 200,
    call: async (f) => ({ method: 'GET', path: `/api/guides/${(await f.guide()).slug}/moderation-log` }),
  },
  'GET /api/guides/:slug/editions/:n/counts': {
    ok: 200,
    call: async (f) => ({ method: 'GET', path: `/api/guides/${(await f.guide()).slug}/editions/1/counts` }),
  },
  'GET /api/guides/:slug/editions/:n/blocks/:key/comments': {
    ok: 200,
    call: async (f) => ({ method: 'GET', path: blockComments(await f.guide()) }),
  },
  'POST /api/guides/:slug/editions/:n/blocks/:key/comments': {
    ok: 201,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return {
        method: 'POST',
        path: blockComments(g),
        caller: await me(g),
        body: { kind: 'comment', body: 'A comment.' },
      }
    },
  },
  'GET /api/guides/:slug/editions/:n/comments': {
    ok: 200,
    call: async (f) => ({ method: 'GET', path: `/api/guides/${(await f.guide()).slug}/editions/1/comments` }),
  },
  'POST /api/guides/:slug/editions/:n/comments': {
    ok: 201,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return {
        method: 'POST',
        path: `/api/guides/${g.slug}/editions/1/comments`,
        caller: await me(g),
        body: { kind: 'comment', body: 'On the guide as a whole.' },
      }
    },
  },
  'GET /api/guides/:slug/editions/:n/events': {
    ok: 200,
    call: async (f) => ({ method: 'GET', path: `/api/guides/${(await f.guide()).slug}/editions/1/events` }),
  },
  'GET /api/comments/:id': {
    ok: 200,
    call: async (f) => ({ method: 'GET', path: `/api/comments/${await f.comment(await f.guide())}` }),
  },
  'PATCH /api/comments/:id': {
    ok: 200,
    call: async (f, role, me) => {
      const { caller, id } = await ownComment(f, role, me)
      return { method: 'PATCH', path: `/api/comments/${id}`, caller, body: { body: 'Changed my mind.' } }
    },
  },
  'POST /api/comments/:id/withdraw': {
    ok: 200,
    call: async (f, role, me) => {
      const { caller, id } = await ownComment(f, role, me)
      return { method: 'POST', path: `/api/comments/${id}/withdraw`, caller }
    },
  },
  'POST /api/comments/:id/flags': {
    ok: 204,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return {
        method: 'POST',
        path: `/api/comments/${await f.comment(g)}/flags`,
        caller: await me(g),
        body: { reason: 'Spam.' },
      }
    },
  },
  'GET /api/guides/:slug/moderation': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return { method: 'GET', path: `/api/guides/${g.slug}/moderation`, caller: await me(g) }
    },
  },
  'GET /api/guides/:slug/themes': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return { method: 'GET', path: `/api/guides/${g.slug}/themes`, caller: await me(g) }
    },
  },
  'POST /api/guides/:slug/themes': {
    ok: 201,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return {
        method: 'POST',
        path: `/api/guides/${g.slug}/themes`,
        caller: await me(g),
        body: { name: 'Training', commentIds: [await f.comment(g)] },
      }
    },
  },
  'PATCH /api/guides/:slug/themes/:id': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      const id = await theme(f, g)
      return {
        method: 'PATCH',
        path: `/api/guides/${g.slug}/themes/${id}`,
        caller: await me(g),
        body: { response: 'We will add a section on training.' },
      }
    },
  },
  'DELETE /api/guides/:slug/themes/:id': {
    ok: 204,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return {
        method: 'DELETE',
        path: `/api/guides/${g.slug}/themes/${await theme(f, g)}`,
        caller: await me(g),
      }
    },
  },
  'POST /api/guides/:slug/themes/:id/comments': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      const id = await theme(f, g)
      return {
        method: 'POST',
        path: `/api/guides/${g.slug}/themes/${id}/comments`,
        caller: await me(g),
        body: { commentIds: [await f.comment(g)] },
      }
    },
  },
  'DELETE /api/guides/:slug/themes/:id/comments/:commentId': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      const id = await theme(f, g)
      return {
        method: 'DELETE',
        path: `/api/guides/${g.slug}/themes/${id}/comments/${await f.comment(g)}`,
        caller: await me(g),
      }
    },
  },
  'PUT /api/comments/:id/themes': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      const id = await theme(f, g)
      return {
        method: 'PUT',
        path: `/api/comments/${await f.comment(g)}/themes`,
        caller: await me(g),
        body: { themeIds: [id] },
      }
    },
  },
  'GET /api/guides/:slug/editions/:n/theme-suggestions': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return {
        method: 'GET',
        path: `/api/guides/${g.slug}/editions/1/theme-suggestions`,
        caller: await me(g),
      }
    },
  },
  'POST /api/comments/:id/hide': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return {
        method: 'POST',
        path: `/api/comments/${await f.comment(g)}/hide`,
        caller: await me(g),
        body: { reasonCode: 'other', reason: 'Off topic.' },
      }
    },
  },
  'POST /api/comments/:id/restore': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      const id = await f.comment(g)
      const hidden = await f.request('POST', `/api/comments/${id}/hide`, f.admin, {
        reasonCode: 'other',
        reason: 'Off topic.',
      })
      expect(hidden.status).toBe(200)
      return { method: 'POST', path: `/api/comments/${id}/restore`, caller: await me(g) }
    },
  },
  'PUT /api/comments/:id/decision': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return {
        method: 'PUT',
        path: `/api/comments/${await f.comment(g)}/decision`,
        caller: await me(g),
        body: { decision: 'noted', response: 'Thank you.' },
      }
    },
  },
  'GET /api/guides/:slug/editions/:n/campaigns': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      await f.campaign(g)
      return { method: 'GET', path: `/api/guides/${g.slug}/editions/1/campaigns`, caller: await me(g) }
    },
  },
  'GET /api/campaigns/:id': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return { method: 'GET', path: `/api/campaigns/${(await f.campaign(g)).id}`, caller: await me(g) }
    },
  },
  'PUT /api/campaigns/:id/decision': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return {
        method: 'PUT',
        path: `/api/campaigns/${(await f.campaign(g)).id}/decision`,
        caller: await me(g),
        body: { decision: 'noted', response: 'Thank you, all of you.' },
      }
    },
  },
  'DELETE /api/campaigns/:id/members/:commentId': {
    ok: 204,
    call: async (f, _role, me) => {
      const g = await f.guide()
      const campaign = await f.campaign(g)
      return {
        method: 'DELETE',
        path: `/api/campaigns/${campaign.id}/members/${campaign.commentIds[0] ?? ''}`,
        caller: await me(g),
      }
    },
  },
  'PUT /api/comments/:id/agreement': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return { method: 'PUT', path: `/api/comments/${await f.comment(g)}/agreement`, caller: await me(g) }
    },
  },
  'DELETE /api/comments/:id/agreement': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return { method: 'DELETE', path: `/api/comments/${await f.comment(g)}/agreement`, caller: await me(g) }
    },
  },
  'POST /api/comments/:id/acceptance': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      const posted = await f.request('POST', blockComments(g), await f.as('reviewer', g), {
        kind: 'suggestion',
        body: 'Plainer words.',
        proposal: 'The first paragraph, put plainly.',
      })
      expect(posted.status).toBe(201)
      const { id } = (await posted.json()) as { id: string }
      return { method: 'POST', path: `/api/comments/${id}/acceptance`, caller: await me(g), body: {} }
    },
  },
  'GET /api/comments/:id/decisions': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return { method: 'GET', path: `/api/comments/${await f.comment(g)}/decisions`, caller: await me(g) }
    },
  },
  'POST /api/guides/:slug/decisions': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return {
        method: 'POST',
        path: `/api/guides/${g.slug}/decisions`,
        caller: await me(g),
        body: { commentIds: [await f.comment(g)], decision: 'accepted', response: 'Done.' },
      }
    },
  },
  'POST /api/guides/:slug/decisions/release': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      const id = await f.comment(g)
      const drafted = await f.request('PUT', `/api/comments/${id}/decision`, f.admin, {
        decision: 'noted',
        response: 'Thank you.',
        draft: true,
      })
      expect(drafted.status).toBe(200)
      return {
        method: 'POST',
        path: `/api/guides/${g.slug}/decisions/release`,
        caller: await me(g),
        body: { ids: [id] },
      }
    },
  },
  'GET /api/guides/:slug/editions/:n/feedback.csv': {
    ok: 200,
    call: async (f) => ({
      method: 'GET',
      path: `/api/guides/${(await f.guide()).slug}/editions/1/feedback.csv`,
    }),
  },
  'GET /api/guides/:slug/editions/:n/feedback.json': {
    ok: 200,
    call: async (f) => ({
      method: 'GET',
      path: `/api/guides/${(await f.guide()).slug}/editions/1/feedback.json`,
    }),
  },
  'GET /api/guides/:slug/editions/:n/annotations.jsonld': {
    ok: 200,
    call: async (f) => {
      const g = await f.guide()
      await f.comment(g)
      return { method: 'GET', path: `/api/guides/${g.slug}/editions/1/annotations.jsonld?page=0` }
    },
  },
  'GET /api/comments/:id/annotation.jsonld': {
    ok: 200,
    call: async (f) => ({
      method: 'GET',
      path: `/api/comments/${await f.comment(await f.guide())}/annotation.jsonld`,
    }),
  },
  'GET /api/search': { ok: 200, call: () => ({ method: 'GET', path: '/api/search?q=paragraph' }) },
  'GET /api/guides/:slug/search': {
    ok: 200,
    call: async (f) => ({ method: 'GET', path: `/api/guides/${(await f.guide()).slug}/search?q=paragraph` }),
  },
  'POST /api/guides/:slug/invitations': {
    ok: 201,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return {
        method: 'POST',
        path: `/api/guides/${g.slug}/invitations`,
        caller: await me(g),
        body: { role: 'reviewer' },
      }
    },
  },
  'GET /api/guides/:slug/invitations': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return { method: 'GET', path: `/api/guides/${g.slug}/invitations`, caller: await me(g) }
    },
  },
  'DELETE /api/guides/:slug/invitations/:id': {
    ok: 204,
    call: async (f, _role, me) => {
      const g = await f.guide()
      const { id } = await f.invitation(g)
      return { method: 'DELETE', path: `/api/guides/${g.slug}/invitations/${id}`, caller: await me(g) }
    },
  },
  'GET /api/invitations/:token': {
    ok: 200,
    call: async (f) => ({
      method: 'GET',
      path: `/api/invitations/${(await f.invitation(await f.guide())).token}`,
    }),
  },
  'POST /api/invitations/:token/accept': {
    ok: 200,
    // The public makes an account; anyone signed in adds the role to theirs.
    call: async (f, role, me) => {
      const g = await f.guide()
      const { token } = await f.invitation(g)
      const newcomer = {
        email: `joiner-${String(Math.random()).slice(2)}@example.org`,
        password: PASSWORD,
        displayName: 'Joiner',
      }
      return {
        method: 'POST',
        path: `/api/invitations/${token}/accept`,
        caller: await me(g),
        body: role === 'public' ? newcomer : {},
      }
    },
  },
  'POST /api/password-resets/:token': {
    ok: 204,
    call: async (f) => {
      const target = await f.person()
      const made = await f.request('POST', `/api/people/${String(target.id)}/reset-link`, f.admin)
      expect(made.status).toBe(201)
      const { url } = (await made.json()) as { url: string }
      const token = url.slice(url.lastIndexOf('/') + 1)
      return {
        method: 'POST',
        path: `/api/password-resets/${token}`,
        body: { password: 'a brand new password' },
      }
    },
  },
  'GET /api/guides/:slug/participants': {
    ok: 200,
    call: async (f) => ({ method: 'GET', path: `/api/guides/${(await f.guide()).slug}/participants` }),
  },
  'PUT /api/guides/:slug/participants/me': {
    ok: 204,
    // Introductions are for those with a role on the guide; an admin without one has nothing to introduce.
    expect: { admin: 403 },
    call: async (f, _role, me) => {
      const g = await f.guide()
      return {
        method: 'PUT',
        path: `/api/guides/${g.slug}/participants/me`,
        caller: await me(g),
        body: { introduction: 'Councillor, Ward X' },
      }
    },
  },
  'PUT /api/guides/:slug/roles/:personId': {
    ok: 204,
    call: async (f, _role, me) => {
      const g = await f.guide()
      const someone = await f.person({ role: 'reviewer', guide: g })
      return {
        method: 'PUT',
        path: `/api/guides/${g.slug}/roles/${String(someone.id)}`,
        caller: await me(g),
        body: { role: 'editor' },
      }
    },
  },
  'PATCH /api/guides/:slug/settings': {
    ok: 200,
    call: async (f, _role, me) => {
      const g = await f.guide()
      return {
        method: 'PATCH',
        path: `/api/guides/${g.slug}/settings`,
        caller: await me(g),
        body: { moderation: 'pre' },
      }
    },
  },
  'GET /api/instance/export': {
    ok: 200,
    call: () => ({ method: 'GET', path: '/api/instance/export' }),
  },
  'POST /api/instance/restore': {
    ok: 201,
    // Restoring needs an empty instance: on this one, an admin is told so; the rest never get that far.
    expect: { admin: 409 },
    call: () => ({ method: 'POST', path: '/api/instance/restore', body: 'not an instance file' }),
  },
  'GET /api/people': { ok: 200, call: () => ({ method: 'GET', path: '/api/people' }) },
  'PATCH /api/people/:id': {
    ok: 204,
    call: async (f) => ({
      method: 'PATCH',
      path: `/api/people/${String((await f.person()).id)}`,
      body: { isAdmin: false },
    }),
  },
  'POST /api/people/:id/reset-link': {
    ok: 201,
    call: async (f) => ({ method: 'POST', path: `/api/people/${String((await f.person()).id)}/reset-link` }),
  },
  'GET /api/audit': { ok: 200, call: () => ({ method: 'GET', path: '/api/audit' }) },
  'GET /api/settings': { ok: 200, call: () => ({ method: 'GET', path: '/api/settings' }) },
  'PUT /api/settings': {
    ok: 200,
    call: () => ({ method: 'PUT', path: '/api/settings', body: { openSignUp: false } }),
  },
}

describe(`who may call each route in the route table (${databaseKind})`, () => {
  let fixture: RouteFixture

  beforeAll(async () => {
    // The instance is set up: its first person is an admin.
    fixture = await RouteFixture.open()
  })
  afterAll(async () => {
    await fixture.close()
  })

  it('has a case for every route in the table, and no case for a route not in it', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(API).sort())
  })

  for (const [route, operation] of Object.entries(API)) {
    const testCase = CASES[route]
    if (!testCase) continue
    it.each(ROLES)(`${route} (${operation.access}) as %s`, async (role) => {
      let defaultCaller: Caller | undefined
      const me = async (guide?: TestGuide) => (defaultCaller ??= await fixture.as(role, guide))
      const call = await testCase.call(fixture, role, me)
      const caller = 'caller' in call ? call.caller : await me()
      try {
        const response = await fixture.request(call.method, call.path, caller, call.body)
        const declared = testCase.expect?.[role] ?? BY_ACCESS[operation.access][role]
        const expected = declared === 'ok' ? testCase.ok : declared
        expect(response.status, `${call.method} ${call.path} as ${role}`).toBe(expected)
        if (response.status >= 400) {
          expect(response.headers.get('content-type')).toContain('application/problem+json')
        }
        await response.body?.cancel()
      } finally {
        await testCase.after?.(fixture)
      }
    })
  }
})

/** A theme on the guide, made by an admin, for the routes that change one. */
async function theme(f: RouteFixture, g: TestGuide): Promise<string> {
  const made = await f.request('POST', `/api/guides/${g.slug}/themes`, f.admin, {
    name: `Theme ${String(Math.random()).slice(2, 8)}`,
  })
  expect(made.status).toBe(201)
  return ((await made.json()) as { id: string }).id
}
