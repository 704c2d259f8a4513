import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import { type Client, PASSWORD } from '../support/session.ts'
import { consultation } from '../support/consultation.ts'

type Role = 'public' | 'reviewer' | 'editor' | 'otherEditor' | 'admin'
const ROLES: Role[] = ['public', 'reviewer', 'editor', 'otherEditor', 'admin']

interface Case {
  route: string
  request: (ids: Ids) => [method: string, path: string, body?: unknown]
  /** The status each role gets. */
  expect: Record<Role, number>
}

interface Ids {
  invitationId: string
  personId: string
  token: string
  /** A top-level comment on the open guide g3, where "editor" is an editor too. */
  commentId: string
}

const REVISED = '# Guide three\n\nText, revised.\n'

const onlyEditors = { public: 401, reviewer: 403, editor: 0, otherEditor: 403, admin: 0 }
/** g1 is held in draft: to those without a part in it, it does not exist (404 before any 401 or 403). */
const onlyEditorsOfDraft = { public: 404, reviewer: 403, editor: 0, otherEditor: 404, admin: 0 }
const onlyAdmins = { public: 401, reviewer: 403, editor: 403, otherEditor: 403, admin: 0 }
const signedIn = { public: 401, reviewer: 0, editor: 0, otherEditor: 0, admin: 0 }
const everyone = { public: 0, reviewer: 0, editor: 0, otherEditor: 0, admin: 0 }
/** 0 stands for the route's success status. */
const ok = (table: Record<Role, number>, success: number): Record<Role, number> =>
  Object.fromEntries(Object.entries(table).map(([role, status]) => [role, status || success])) as Record<
    Role,
    number
  >

const CASES: Case[] = [
  { route: 'GET /api/guides', request: () => ['GET', '/api/guides'], expect: ok(everyone, 200) },
  // The guide is a draft: to the public, reviewers and other editors it does not exist.
  {
    route: 'GET /api/guides/:slug (draft)',
    request: () => ['GET', '/api/guides/g1'],
    expect: { public: 404, reviewer: 404, editor: 200, otherEditor: 404, admin: 200 },
  },
  {
    route: 'GET /api/guides/:slug/editions/:n (draft)',
    request: () => ['GET', '/api/guides/g1/editions/1'],
    expect: { public: 404, reviewer: 404, editor: 200, otherEditor: 404, admin: 200 },
  },
  {
    route: 'GET /api/guides/:slug (published)',
    request: () => ['GET', '/api/guides/open-guide'],
    expect: ok(everyone, 200),
  },
  {
    route: 'POST /api/guides',
    request: () => ['POST', '/api/guides', { markdown: `# New ${String(Math.random())}\n\nText.\n` }],
    expect: { public: 401, reviewer: 403, editor: 201, otherEditor: 201, admin: 201 },
  },
  {
    route: 'POST /api/setup',
    request: () => [
      'POST',
      '/api/setup',
      { email: 'late@example.org', password: PASSWORD, displayName: 'Late' },
    ],
    expect: { public: 409, reviewer: 409, editor: 409, otherEditor: 409, admin: 409 },
  },
  { route: 'GET /api/me', request: () => ['GET', '/api/me'], expect: ok(signedIn, 200) },
  {
    route: 'PATCH /api/me',
    request: () => ['PATCH', '/api/me', { organisation: 'Harrowby District Council' }],
    expect: ok(signedIn, 200),
  },
  { route: 'GET /api/me/comments', request: () => ['GET', '/api/me/comments'], expect: ok(signedIn, 200) },
  { route: 'GET /api/me/sessions', request: () => ['GET', '/api/me/sessions'], expect: ok(signedIn, 200) },
  {
    route: 'DELETE /api/me/sessions/:id (not yours)',
    request: () => ['DELETE', '/api/me/sessions/999999'],
    expect: { public: 401, reviewer: 404, editor: 404, otherEditor: 404, admin: 404 },
  },
  {
    route: 'POST /api/guides/:slug/invitations',
    request: () => ['POST', '/api/guides/g1/invitations', { role: 'reviewer' }],
    expect: ok(onlyEditorsOfDraft, 201),
  },
  {
    route: 'GET /api/guides/:slug/invitations',
    request: () => ['GET', '/api/guides/g1/invitations'],
    expect: ok(onlyEditorsOfDraft, 200),
  },
  {
    route: 'DELETE /api/guides/:slug/invitations/:id',
    request: (ids) => ['DELETE', `/api/guides/g1/invitations/${ids.invitationId}`],
    expect: ok(onlyEditorsOfDraft, 204),
  },
  {
    route: 'GET /api/invitations/:token',
    request: (ids) => ['GET', `/api/invitations/${ids.token}`],
    expect: ok(everyone, 200),
  },
  {
    route: 'PUT /api/guides/:slug/roles/:personId',
    request: (ids) => ['PUT', `/api/guides/g1/roles/${ids.personId}`, { role: 'reviewer' }],
    expect: ok(onlyEditorsOfDraft, 204),
  },
  {
    route: 'PATCH /api/guides/:slug/settings',
    request: () => ['PATCH', '/api/guides/g1/settings', { moderation: 'post' }],
    expect: ok(onlyEditorsOfDraft, 200),
  },
  {
    route: 'GET /api/guides/:slug/participants',
    request: () => ['GET', '/api/guides/g1/participants'],
    expect: { public: 404, reviewer: 200, editor: 200, otherEditor: 404, admin: 200 },
  },
  {
    route: 'PUT /api/guides/:slug/participants/me',
    request: () => ['PUT', '/api/guides/g1/participants/me', { introduction: 'Councillor, Ward X' }],
    expect: { public: 404, reviewer: 204, editor: 204, otherEditor: 404, admin: 403 },
  },
  { route: 'GET /api/people', request: () => ['GET', '/api/people'], expect: ok(onlyAdmins, 200) },
  {
    route: 'PATCH /api/people/:id',
    request: (ids) => ['PATCH', `/api/people/${ids.personId}`, { isAdmin: false }],
    expect: ok(onlyAdmins, 204),
  },
  {
    route: 'POST /api/people/:id/reset-link',
    request: (ids) => ['POST', `/api/people/${ids.personId}/reset-link`],
    expect: ok(onlyAdmins, 201),
  },
  { route: 'GET /api/audit', request: () => ['GET', '/api/audit'], expect: ok(onlyAdmins, 200) },
  { route: 'GET /api/settings', request: () => ['GET', '/api/settings'], expect: ok(onlyAdmins, 200) },
  {
    route: 'PUT /api/settings',
    request: () => ['PUT', '/api/settings', { openSignUp: false }],
    expect: ok(onlyAdmins, 200),
  },
  {
    route: 'POST /api/guides/:slug/editions/preview',
    request: () => ['POST', '/api/guides/g1/editions/preview', { markdown: '# Guide one\n\nNew text.\n' }],
    expect: ok(onlyEditorsOfDraft, 200),
  },
  {
    route: 'POST /api/guides/:slug/editions',
    request: () => ['POST', '/api/guides/g1/editions', { markdown: '# Guide one\n\nNew text.\n' }],
    expect: ok(onlyEditorsOfDraft, 201),
  },
  {
    route: 'GET /api/guides/:slug/editions/:n/lineage (draft)',
    request: () => ['GET', '/api/guides/g1/editions/1/lineage'],
    expect: { public: 404, reviewer: 404, editor: 200, otherEditor: 404, admin: 200 },
  },
  {
    route: 'GET /api/guides/:slug/editions/:n/lineage (open)',
    request: () => ['GET', '/api/guides/g3/editions/1/lineage'],
    expect: ok(everyone, 200),
  },
  {
    route: 'GET /api/comments/:id',
    request: (ids) => ['GET', `/api/comments/${ids.commentId}`],
    expect: ok(everyone, 200),
  },
  {
    route: 'PUT /api/comments/:id/decision',
    request: (ids) => [
      'PUT',
      `/api/comments/${ids.commentId}/decision`,
      { decision: 'noted', response: 'Thanks.' },
    ],
    expect: ok(onlyEditors, 200),
  },
  {
    route: 'GET /api/comments/:id/decisions',
    request: (ids) => ['GET', `/api/comments/${ids.commentId}/decisions`],
    expect: ok(onlyEditors, 200),
  },
  {
    route: 'POST /api/guides/:slug/decisions',
    request: (ids) => [
      'POST',
      '/api/guides/g3/decisions',
      { commentIds: [ids.commentId], decision: 'accepted', response: 'Done.' },
    ],
    expect: ok(onlyEditors, 200),
  },
  {
    route: 'POST /api/guides/:slug/decisions/release',
    request: () => ['POST', '/api/guides/g3/decisions/release', {}],
    expect: ok(onlyEditors, 200),
  },
  {
    route: 'POST /api/guides/:slug/editions/preview (open guide)',
    request: () => ['POST', '/api/guides/g3/editions/preview', { markdown: REVISED }],
    expect: ok(onlyEditors, 200),
  },
  {
    route: 'GET /api/guides/:slug/editions/:n/feedback.csv (draft)',
    request: () => ['GET', '/api/guides/g1/editions/1/feedback.csv'],
    expect: { public: 404, reviewer: 404, editor: 200, otherEditor: 404, admin: 200 },
  },
  {
    route: 'GET /api/guides/:slug/editions/:n/feedback.csv (open)',
    request: () => ['GET', '/api/guides/g3/editions/1/feedback.csv'],
    expect: ok(everyone, 200),
  },
  {
    route: 'GET /api/guides/:slug/editions/:n/feedback.json (draft)',
    request: () => ['GET', '/api/guides/g1/editions/1/feedback.json'],
    expect: { public: 404, reviewer: 404, editor: 200, otherEditor: 404, admin: 200 },
  },
  {
    route: 'GET /api/guides/:slug/editions/:n/feedback.json (open)',
    request: () => ['GET', '/api/guides/g3/editions/1/feedback.json'],
    expect: ok(everyone, 200),
  },
  {
    route: 'GET /api/guides/:slug/editions/:n/annotations.jsonld (draft)',
    request: () => ['GET', '/api/guides/g1/editions/1/annotations.jsonld'],
    expect: { public: 404, reviewer: 404, editor: 200, otherEditor: 404, admin: 200 },
  },
  {
    route: 'GET /api/guides/:slug/editions/:n/annotations.jsonld?page=0 (open)',
    request: () => ['GET', '/api/guides/g3/editions/1/annotations.jsonld?page=0'],
    expect: ok(everyone, 200),
  },
  {
    route: 'GET /api/comments/:id/annotation.jsonld',
    request: (ids) => ['GET', `/api/comments/${ids.commentId}/annotation.jsonld`],
    expect: ok(everyone, 200),
  },
  {
    route: 'GET /api/instance/export',
    request: () => ['GET', '/api/instance/export'],
    expect: ok(onlyAdmins, 200),
  },
  {
    route: 'POST /api/instance/restore (an instance in use)',
    request: () => ['POST', '/api/instance/restore', 'not an instance file'],
    expect: { public: 401, reviewer: 403, editor: 403, otherEditor: 403, admin: 409 },
  },
  { route: 'GET /admin/instance', request: () => ['GET', '/admin/instance'], expect: ok(onlyAdmins, 200) },
  { route: 'GET /admin/jobs', request: () => ['GET', '/admin/jobs'], expect: ok(onlyAdmins, 200) },
  {
    route: 'POST /admin/jobs/:id/retry (no such failed job)',
    request: () => ['POST', '/admin/jobs/999999/retry'],
    expect: { public: 401, reviewer: 403, editor: 403, otherEditor: 403, admin: 404 },
  },
  {
    route: 'GET /me/notifications/email (now a way to the notices page, which holds the form)',
    request: () => ['GET', '/me/notifications/email'],
    expect: { public: 303, reviewer: 303, editor: 303, otherEditor: 303, admin: 303 },
  },
  {
    route: 'POST /admin/instance/restore (an instance in use)',
    request: () => ['POST', '/admin/instance/restore', 'not a form'],
    expect: { public: 401, reviewer: 403, editor: 403, otherEditor: 403, admin: 409 },
  },
  {
    route: 'GET /guides/new',
    request: () => ['GET', '/guides/new'],
    expect: { public: 303, reviewer: 403, editor: 200, otherEditor: 200, admin: 200 },
  },
  {
    route: 'GET /g/:slug (draft page)',
    request: () => ['GET', '/g/g1'],
    // A reviewer of the guide is told it is not open yet (joining-before-opening.test.ts), never its text.
    expect: { public: 404, reviewer: 200, editor: 200, otherEditor: 404, admin: 200 },
  },
  { route: 'GET /api/search', request: () => ['GET', '/api/search?q=text'], expect: ok(everyone, 200) },
  // Searching a draft guide: to those who may not read it, it does not exist.
  {
    route: 'GET /api/guides/:slug/search (draft)',
    request: () => ['GET', '/api/guides/g1/search?q=text'],
    expect: { public: 404, reviewer: 404, editor: 200, otherEditor: 404, admin: 200 },
  },
  {
    route: 'GET /api/guides/:slug/search (published)',
    request: () => ['GET', '/api/guides/open-guide/search?q=text'],
    expect: ok(everyone, 200),
  },
  { route: 'GET /search', request: () => ['GET', '/search?q=text'], expect: ok(everyone, 200) },
  {
    route: 'GET /g/:slug/search (draft)',
    request: () => ['GET', '/g/g1/search?q=text'],
    expect: { public: 404, reviewer: 404, editor: 200, otherEditor: 404, admin: 200 },
  },
  {
    route: 'GET /g/:slug/search (published)',
    request: () => ['GET', '/g/open-guide/search?q=text'],
    expect: ok(everyone, 200),
  },
  // Feeds are public and cached: the same for everyone, and a draft has none, even for its editors.
  {
    route: 'GET /g/:slug/comments.atom',
    request: () => ['GET', '/g/open-guide/comments.atom'],
    expect: ok(everyone, 200),
  },
  {
    route: 'GET /g/:slug/comments.atom (draft)',
    request: () => ['GET', '/g/g1/comments.atom'],
    expect: { public: 404, reviewer: 404, editor: 404, otherEditor: 404, admin: 404 },
  },
  {
    route: 'GET /g/:slug/:n/comments.atom',
    request: () => ['GET', '/g/open-guide/1/comments.atom'],
    expect: ok(everyone, 200),
  },
  {
    route: 'GET /g/:slug/:n/comments.atom (draft)',
    request: () => ['GET', '/g/g1/1/comments.atom'],
    expect: { public: 404, reviewer: 404, editor: 404, otherEditor: 404, admin: 404 },
  },
  {
    route: 'GET /g/:slug/:n/b/:key/comments.atom (draft)',
    request: () => ['GET', '/g/g1/1/b/abcdefgh/comments.atom'],
    expect: { public: 404, reviewer: 404, editor: 404, otherEditor: 404, admin: 404 },
  },
  {
    route: 'GET /g/:slug/editions.atom',
    request: () => ['GET', '/g/open-guide/editions.atom'],
    expect: ok(everyone, 200),
  },
  {
    route: 'GET /g/:slug/editions.atom (draft)',
    request: () => ['GET', '/g/g1/editions.atom'],
    expect: { public: 404, reviewer: 404, editor: 404, otherEditor: 404, admin: 404 },
  },
  { route: 'GET /editions.atom', request: () => ['GET', '/editions.atom'], expect: ok(everyone, 200) },
  // A person's own feed: by session, or by its secret; a wrong secret is "not found" to everyone.
  {
    route: 'GET /me/feed.atom',
    request: () => ['GET', '/me/feed.atom'],
    expect: { public: 404, reviewer: 200, editor: 200, otherEditor: 200, admin: 200 },
  },
  {
    route: 'GET /me/feed.atom?token= (wrong)',
    request: () => ['GET', `/me/feed.atom?token=${'a'.repeat(43)}`],
    expect: { public: 404, reviewer: 404, editor: 404, otherEditor: 404, admin: 404 },
  },
  { route: 'POST /account/feed', request: () => ['POST', '/account/feed'], expect: ok(signedIn, 200) },
]

describe(`who may do what, route by route (${databaseKind})`, () => {
  let database: TestDatabase
  const clients = {} as Record<Role, Client>
  let bystanderId = ''
  let commentId = ''

  beforeAll(async () => {
    const person = (email: string, guide: string, role: 'reviewer' | 'editor' = 'reviewer') => ({
      email,
      name: email,
      guide,
      role,
    })
    const world = await consultation({
      config: { rateLimits: { enabled: false } },
      guides: [
        { slug: 'g1', markdown: '# Guide one\n\nText.\n' },
        { slug: 'g2', markdown: '# Guide two\n\nText.\n' },
        { slug: 'open-guide', markdown: '# Open guide\n\nText.\n', state: 'published' },
        { slug: 'g3', markdown: '# Guide three\n\nText.\n', state: 'open' },
      ],
      people: {
        reviewer: person('reviewer@example.org', 'g1'),
        editor: person('editor@example.org', 'g1', 'editor'),
        otherEditor: person('other@example.org', 'g2', 'editor'),
        bystander: person('bystander@example.org', 'g1'),
      },
      comments: [{ name: 'decide', by: 'admin', on: 1, guide: 'g3', body: 'A comment to decide on.' }],
    })
    database = world.database
    clients.public = world.visitor()
    clients.admin = world.admin
    ;({ reviewer: clients.reviewer, editor: clients.editor, otherEditor: clients.otherEditor } = world.people)
    const people = (await (await clients.admin.request('/api/people')).json()) as {
      items: { id: string; email: string }[]
    }
    bystanderId = people.items.find((p) => p.email === 'bystander@example.org')?.id ?? ''
    const editorId = people.items.find((p) => p.email === 'editor@example.org')?.id ?? ''
    await clients.admin.send('PUT', `/api/guides/g3/roles/${editorId}`, { role: 'editor' })
    commentId = world.ids.decide ?? ''
  })
  afterAll(async () => {
    await database.close()
  })

  for (const testCase of CASES) {
    it.each(ROLES)(`${testCase.route} as %s`, async (role) => {
      const created = (await (
        await clients.admin.send('POST', '/api/guides/g1/invitations', { role: 'reviewer' })
      ).json()) as {
        id: string
        token: string
      }
      const [method, path, body] = testCase.request({
        invitationId: created.id,
        personId: bystanderId,
        token: created.token,
        commentId,
      })
      const response = await clients[role].send(method, path, body)
      expect(response.status, `${method} ${path} as ${role}`).toBe(testCase.expect[role])
      if (response.status >= 400 && path.startsWith('/api/')) {
        expect(response.headers.get('content-type')).toContain('application/problem+json')
      }
    })
  }
})
