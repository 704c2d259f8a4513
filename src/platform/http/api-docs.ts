import type { z } from 'zod'
import * as comments from '../../comments/comment.schemas.ts'
import { BulkDecisionInput, DecisionInput } from '../../decisions/decision.schemas.ts'
import { RevisionInput, Transition } from '../../editions/edition.schemas.ts'
import { NewGuide } from '../../guides/guide.schemas.ts'
import * as people from '../../people/people.schemas.ts'

/** Who may call a route, as src/people/policy.ts decides it. */
export type Access =
  | 'anyone'
  | 'signed in'
  | 'people taking part in the guide'
  | 'its author'
  | 'editors of the guide'
  | 'admins'
  | 'editors'
  | 'the first person'

export interface Operation {
  summary: string
  tag: string
  access: Access
  /** The schema `readJson` validates the body with: the same object, so the document cannot drift. */
  body?: z.ZodType
  query?: Record<string, string>
  /** Status → what it means; problems (4xx) answer `application/problem+json`. */
  responses: Record<number, string>
  /** The answer is not JSON: the media type. */
  produces?: string
}

const ok = (description: string, more: Record<number, string> = {}) => ({ 200: description, ...more })
const LIST = 'A page: `{items, next}`; `next` is the cursor for `?cursor=`, or null.'
const COMMENT =
  'The comment: `{id, kind, body, html, quote, parentId, author, createdAt, state, decision, ...}`.'

/**
 * Every JSON route, keyed `METHOD /path` as Hono registers it. `test/integration/openapi.test.ts` fails
 * when a registered `/api` route is missing here, so a new route cannot go undocumented.
 */
export const API: Record<string, Operation> = {
  'GET /api/openapi.json': {
    summary: 'This document',
    tag: 'meta',
    access: 'anyone',
    responses: ok('OpenAPI 3.1'),
  },

  'POST /api/setup': {
    summary: 'The first account on an empty instance, made admin',
    tag: 'people',
    access: 'the first person',
    body: people.NewAccount,
    responses: {
      201: 'The admin, signed in',
      409: 'Someone already set this instance up',
      429: 'Too many password attempts from this address: see Retry-After',
    },
  },
  'POST /api/session': {
    summary: 'Sign in (sets the session cookie)',
    tag: 'people',
    access: 'anyone',
    body: people.SignIn,
    responses: ok('Signed in', {
      401: 'Wrong email or password (the same answer for an email with no account)',
      429: 'Too many attempts (failures, per account and address): see Retry-After',
    }),
  },
  'DELETE /api/session': {
    summary: 'Sign out',
    tag: 'people',
    access: 'anyone',
    responses: { 204: 'Signed out' },
  },
  'POST /api/signup': {
    summary: 'An account, when the instance allows open sign-up',
    tag: 'people',
    access: 'anyone',
    body: people.NewAccount,
    responses: {
      201: 'The account, signed in',
      403: 'Sign-up is by invitation',
      409: 'That email cannot have a new account: sign in instead',
      429: 'Too many password attempts from this address: see Retry-After',
    },
  },
  'GET /api/me': {
    summary: 'The signed-in person and their roles',
    tag: 'people',
    access: 'signed in',
    responses: ok('The person'),
  },
  'PATCH /api/me': {
    summary: 'Change your name, organisation or description',
    tag: 'people',
    access: 'signed in',
    body: people.Profile,
    responses: ok('The person'),
  },
  'POST /api/me/password': {
    summary: 'Change your password (ends your other sessions)',
    tag: 'people',
    access: 'signed in',
    body: people.PasswordChange,
    responses: {
      204: 'Changed (every reset link for the account stops working)',
      422: 'The current password is not right',
      429: 'Too many wrong passwords: see Retry-After',
    },
  },
  'GET /api/me/sessions': {
    summary: 'Your sessions',
    tag: 'people',
    access: 'signed in',
    responses: ok(LIST),
  },
  'DELETE /api/me/sessions/:id': {
    summary: 'End one of your sessions',
    tag: 'people',
    access: 'signed in',
    responses: { 204: 'Ended' },
  },
  'POST /api/me/erase': {
    summary: 'Erase your account; what you wrote stays, as "a former participant"',
    tag: 'people',
    access: 'signed in',
    body: people.Erase,
    responses: {
      204: 'Erased',
      422: 'The password is not right',
      429: 'Too many wrong passwords: see Retry-After',
    },
  },
  'GET /api/me/comments': {
    summary: 'What happened to your comments: each with its decision, response and the change',
    tag: 'comments',
    access: 'signed in',
    query: { cursor: 'The `next` of the page before' },
    responses: ok(LIST),
  },

  'GET /api/guides': { summary: 'Guides you may read', tag: 'guides', access: 'anyone', responses: ok(LIST) },
  'POST /api/guides': {
    summary: 'Import a guide: edition 1, a draft; you become its editor',
    tag: 'guides',
    access: 'editors',
    body: NewGuide,
    responses: {
      201: 'The guide',
      409: 'The slug is taken',
      413: 'Too large',
      422: 'Not a guide Gloss can take',
    },
  },
  'GET /api/guides/:slug': {
    summary: 'A guide with its editions',
    tag: 'guides',
    access: 'anyone',
    responses: ok('The guide'),
  },
  'GET /api/guides/:slug/editions/:n': {
    summary: 'An edition with its blocks (`key, ordinal, kind, number, text, html, commentCount`)',
    tag: 'guides',
    access: 'anyone',
    responses: ok('The edition; drafts only for its editors'),
  },
  'POST /api/guides/:slug/editions/preview': {
    summary: 'The lineage a revision would have, and where each comment would land; creates nothing',
    tag: 'editions',
    access: 'editors of the guide',
    body: RevisionInput,
    responses: ok('`{base, edition, blocks, removed, commentsOnRemovedText}`'),
  },
  'POST /api/guides/:slug/editions': {
    summary: 'The next edition (a draft) with its lineage, in one transaction',
    tag: 'editions',
    access: 'editors of the guide',
    body: RevisionInput,
    responses: { 201: 'The edition', 409: 'Another edition was created meanwhile' },
  },
  'GET /api/guides/:slug/editions/:n/lineage': {
    summary: "That edition's lineage: the `gloss diff --json` shape, each block with `key` and `fromKeys`",
    tag: 'editions',
    access: 'anyone',
    responses: ok('`{blocks, removed}`'),
  },
  'POST /api/guides/:slug/editions/:n/transitions': {
    summary: 'Open, close or publish an edition',
    tag: 'editions',
    access: 'editors of the guide',
    body: Transition,
    responses: ok('The edition', { 409: 'Not a transition this edition can make' }),
  },
  'GET /api/guides/:slug/editions/:n/counts': {
    summary:
      'Published comments per block, and whether you may comment (the small request beside a cached page)',
    tag: 'comments',
    access: 'anyone',
    responses: ok('`{counts, general, removed, takesComments, mayComment, signedIn, mayEdit}`'),
  },
  'GET /api/guides/:slug/editions/:n/blocks/:key/comments': {
    summary:
      "A block's thread: comments written on it and, marked `writtenOn`, open ones carried from earlier editions",
    tag: 'comments',
    access: 'anyone',
    query: { cursor: 'The `next` of the page before' },
    responses: ok(LIST),
  },
  'POST /api/guides/:slug/editions/:n/blocks/:key/comments': {
    summary: 'Comment on a block (an `Idempotency-Key` header makes retries safe)',
    tag: 'comments',
    access: 'people taking part in the guide',
    body: comments.NewComment,
    responses: {
      201: COMMENT,
      200: 'The comment made earlier with the same Idempotency-Key',
      409: 'The edition does not take comments now',
      429: 'Too many: see Retry-After',
    },
  },
  'GET /api/guides/:slug/editions/:n/comments': {
    summary:
      'Every comment on an edition; `scope=general` for the general discussion, `scope=removed` for comments on removed text',
    tag: 'comments',
    access: 'anyone',
    query: { scope: '`all` (default), `general` or `removed`', cursor: 'The `next` of the page before' },
    responses: ok(LIST),
  },
  'POST /api/guides/:slug/editions/:n/comments': {
    summary: 'A general-discussion comment on the edition',
    tag: 'comments',
    access: 'people taking part in the guide',
    body: comments.NewComment,
    responses: { 201: COMMENT },
  },
  'GET /api/guides/:slug/editions/:n/events': {
    summary:
      "Server-Sent Events for the edition (`comment.created`, `comment.updated`, `comment.decided`; `reconnect` when the server stops or the viewer's session or right to read the edition ends); `Last-Event-ID` replays",
    tag: 'comments',
    access: 'anyone',
    produces: 'text/event-stream',
    responses: ok('An event stream', {
      429: 'This session (or, for the public, this address) holds as many streams as it may: see Retry-After',
      503: 'The server holds as many streams as it can: see Retry-After',
    }),
  },
  'GET /api/comments/:id': {
    summary: 'One comment, with its ETag for If-Match',
    tag: 'comments',
    access: 'anyone',
    responses: ok(COMMENT, { 304: 'Unchanged since If-None-Match' }),
  },
  'PATCH /api/comments/:id': {
    summary: 'Edit your comment while the consultation is open (earlier wordings are kept)',
    tag: 'comments',
    access: 'its author',
    body: comments.CommentEdit,
    responses: ok(COMMENT),
  },
  'POST /api/comments/:id/withdraw': {
    summary: 'Withdraw your comment (kept in the record, shown as withdrawn)',
    tag: 'comments',
    access: 'its author',
    responses: ok(COMMENT),
  },
  'POST /api/comments/:id/flags': {
    summary: 'Flag a comment for the editors',
    tag: 'moderation',
    access: 'signed in',
    body: comments.NewFlag,
    responses: { 204: 'Flagged' },
  },
  'GET /api/guides/:slug/moderation': {
    summary: 'The moderation queue: pending, flagged and hidden comments',
    tag: 'moderation',
    access: 'editors of the guide',
    responses: ok(LIST),
  },
  'POST /api/comments/:id/hide': {
    summary: 'Hide a comment, with a reason its author sees',
    tag: 'moderation',
    access: 'editors of the guide',
    body: comments.Hide,
    responses: ok(COMMENT),
  },
  'POST /api/comments/:id/restore': {
    summary: 'Publish a pending comment or restore a hidden one',
    tag: 'moderation',
    access: 'editors of the guide',
    responses: ok(COMMENT),
  },
  'PUT /api/comments/:id/decision': {
    summary: "An editor's decision and response on a top-level comment; If-Match with the ETag is honoured",
    tag: 'decisions',
    access: 'editors of the guide',
    body: DecisionInput,
    responses: ok(COMMENT, { 409: 'A reply takes no decision', 412: 'The comment changed since its ETag' }),
  },
  'GET /api/comments/:id/decisions': {
    summary: 'Every decision recorded on a comment, oldest first',
    tag: 'decisions',
    access: 'editors of the guide',
    responses: ok('`{items}`'),
  },
  'POST /api/guides/:slug/decisions': {
    summary: 'One decision on several comments of the guide, all or none',
    tag: 'decisions',
    access: 'editors of the guide',
    body: BulkDecisionInput,
    responses: ok('`{decided}`'),
  },

  'GET /api/guides/:slug/editions/:n/feedback.csv': {
    summary:
      'Every comment on the edition as CSV (RFC 4180, UTF-8 with a BOM), with the successor block in the next edition; streamed',
    tag: 'exports',
    access: 'anyone',
    produces: 'text/csv',
    responses: ok('The CSV'),
  },
  'GET /api/guides/:slug/editions/:n/feedback.json': {
    summary: 'The same rows as JSON, streamed',
    tag: 'exports',
    access: 'anyone',
    responses: ok('An array of rows'),
  },
  'GET /api/guides/:slug/editions/:n/annotations.jsonld': {
    summary: "The edition's comments as a W3C Web Annotation AnnotationCollection; `?page=` for its pages",
    tag: 'exports',
    access: 'anyone',
    query: { page: 'A page of the collection, from 0' },
    produces: 'application/ld+json',
    responses: ok('An AnnotationCollection, or an AnnotationPage'),
  },
  'GET /api/comments/:id/annotation.jsonld': {
    summary: 'One comment as a W3C Web Annotation',
    tag: 'exports',
    access: 'anyone',
    produces: 'application/ld+json',
    responses: ok('An Annotation', { 304: 'Unchanged since If-None-Match' }),
  },

  'GET /api/search': {
    summary:
      'Full-text search over blocks and the comments you may see, across guides, ranked, with highlighted snippets',
    tag: 'search',
    access: 'anyone',
    query: {
      q: 'Words; "a phrase", -without, or',
      type: '`all` (default), `blocks` or `comments`',
      page: '1 to 10',
    },
    responses: ok('`{items, total, totalCapped, page}`'),
  },
  'GET /api/guides/:slug/search': {
    summary: 'The same search within one guide (its newest edition you may read, or `edition=n`)',
    tag: 'search',
    access: 'anyone',
    query: {
      q: 'Words',
      type: '`all`, `blocks` or `comments`',
      page: '1 to 10',
      edition: 'An edition number',
    },
    responses: ok('`{items, total, totalCapped, page}`'),
  },

  'POST /api/guides/:slug/invitations': {
    summary: 'An invitation link for a reviewer or editor: `{url, token}`',
    tag: 'people',
    access: 'editors of the guide',
    body: people.NewInvitation,
    responses: { 201: 'The invitation' },
  },
  'GET /api/guides/:slug/invitations': {
    summary: "The guide's invitations",
    tag: 'people',
    access: 'editors of the guide',
    responses: ok(LIST),
  },
  'DELETE /api/guides/:slug/invitations/:id': {
    summary: 'Withdraw an invitation',
    tag: 'people',
    access: 'editors of the guide',
    responses: { 204: 'Withdrawn' },
  },
  'GET /api/invitations/:token': {
    summary: 'What an invitation is for',
    tag: 'people',
    access: 'anyone',
    responses: ok('The invitation', { 410: 'Used up, expired or withdrawn' }),
  },
  'POST /api/invitations/:token/accept': {
    summary: 'Join through an invitation: signed in, with no body; signed out, with a new account (signs in)',
    tag: 'people',
    access: 'anyone',
    body: people.AcceptInvitation,
    responses: ok('The person, signed in', {
      404: 'No such invitation',
      409: 'That email cannot have a new account: its owner signs in first, then accepts',
      410: 'Used up, expired or withdrawn',
      422: 'A new account needs an email, a password and a name',
      429: 'Too many password attempts from this address: see Retry-After',
    }),
  },
  'POST /api/password-resets/:token': {
    summary: 'Set a new password with a one-time reset link',
    tag: 'people',
    access: 'anyone',
    body: people.ResetPassword,
    responses: {
      204: 'Changed (every session and every other reset link of the account ends)',
      410: 'Expired, used, or replaced by a newer link',
      429: 'Too many password attempts from this address: see Retry-After',
    },
  },
  'GET /api/guides/:slug/participants': {
    summary: "The guide's participants and their introductions",
    tag: 'people',
    access: 'anyone',
    responses: ok(LIST),
  },
  'PUT /api/guides/:slug/participants/me': {
    summary: 'Your introduction on a guide',
    tag: 'people',
    access: 'people taking part in the guide',
    body: people.Introduction,
    responses: { 204: 'Saved' },
  },
  'PUT /api/guides/:slug/roles/:personId': {
    summary: "Give or take a person's role on the guide",
    tag: 'people',
    access: 'editors of the guide',
    body: people.RoleChange,
    responses: { 204: 'Changed' },
  },
  'PATCH /api/guides/:slug/settings': {
    summary: 'Whether names are public, and the moderation mode',
    tag: 'guides',
    access: 'editors of the guide',
    body: people.GuideSettings,
    responses: ok('The settings'),
  },
  'GET /api/instance/export': {
    summary: 'The whole instance as one file (gzip-compressed JSON Lines; it holds password hashes)',
    tag: 'admin',
    access: 'admins',
    produces: 'application/gzip',
    responses: ok('The instance file, as an attachment'),
  },
  'POST /api/instance/restore': {
    summary:
      'Restore an instance file (the body, as application/gzip) into an instance with no comments and no account but yours',
    tag: 'admin',
    access: 'admins',
    responses: ok(
      "Restored: `{createdAt, rows, signedOut}`; everyone signs in again with the file's accounts",
      {
        409: 'The instance is in use',
        413: 'The file is larger than 256 MB: use gloss restore',
        415: 'The body is not application/gzip',
        422: 'Not an instance file, damaged, or from a newer Gloss',
      },
    ),
  },
  'GET /api/people': {
    summary: 'Everyone with an account',
    tag: 'admin',
    access: 'admins',
    responses: ok(LIST),
  },
  'PATCH /api/people/:id': {
    summary: 'Make or unmake an admin',
    tag: 'admin',
    access: 'admins',
    body: people.AdminChange,
    responses: { 204: 'Changed' },
  },
  'POST /api/people/:id/reset-link': {
    summary: 'A one-time password reset link (no mail server needed)',
    tag: 'admin',
    access: 'admins',
    responses: { 201: '`{url, token}`' },
  },
  'GET /api/audit': {
    summary: 'The append-only audit log, newest first',
    tag: 'admin',
    access: 'admins',
    query: { before: 'An entry id: older entries than this' },
    responses: ok(LIST),
  },
  'GET /api/settings': {
    summary: 'Instance settings',
    tag: 'admin',
    access: 'admins',
    responses: ok('The settings'),
  },
  'PUT /api/settings': {
    summary: 'Change instance settings (open sign-up)',
    tag: 'admin',
    access: 'admins',
    body: people.InstanceSettings,
    responses: ok('The settings'),
  },
}
