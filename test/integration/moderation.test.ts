import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Hono } from 'hono'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { consultation, type GuideHandle } from '../support/consultation.ts'
import { databaseKind, type TestDatabase } from '../support/database.ts'
import type { Client } from '../support/session.ts'

interface CommentJson {
  id: string
  state: string
  body: string
  hiddenReason?: string | null
}

describe(`moderating a consultation (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  let editor: Client
  let reviewer: Client
  let thread = ''

  beforeAll(async () => {
    let guide: GuideHandle
    ;({
      database,
      app,
      admin: editor,
      people: { reviewer },
      guide,
    } = await consultation({
      guides: [{ slug: 'mod', markdown: '# Mod\n\nA paragraph.\n', state: 'open' }],
      admin: { email: 'ed@example.org', name: 'Ed' },
      people: { reviewer: { email: 'r@example.org', name: 'R' } },
    }))
    thread = `/api/guides/mod/editions/1/blocks/${guide.key(1)}/comments`
  })
  afterAll(async () => {
    await database.close()
  })

  it('queues flagged comments, hides one with a reason its author sees, and restores it, all audited', async () => {
    const comment = (await (
      await reviewer.send('POST', thread, { kind: 'comment', body: 'My neighbour at no. 4 is a crook' })
    ).json()) as CommentJson
    await editor.send('POST', `/api/comments/${comment.id}/flags`, { reason: 'Names a resident' })
    const queue = (await (await editor.request('/api/guides/mod/moderation')).json()) as {
      flagged: { comment: CommentJson; flags: { reason: string }[] }[]
    }
    expect(queue.flagged).toEqual([
      expect.objectContaining({
        comment: expect.objectContaining({ id: comment.id }),
        flags: [expect.objectContaining({ reason: 'Names a resident' })],
      }),
    ])
    expect((await reviewer.request('/api/guides/mod/moderation')).status).toBe(403)
    expect(
      (await reviewer.send('POST', `/api/comments/${comment.id}/hide`, { reasonCode: 'other', reason: 'no' }))
        .status,
    ).toBe(403)

    const hidden = await editor.send('POST', `/api/comments/${comment.id}/hide`, {
      reasonCode: 'other',
      reason: 'It names a private person.',
    })
    expect(((await hidden.json()) as CommentJson).state).toBe('hidden')
    const publicView = (await (await app.request(thread)).json()) as { items: CommentJson[] }
    expect(publicView.items.map((c) => c.id)).not.toContain(comment.id)
    const authorView = (await (await reviewer.request(thread)).json()) as { items: CommentJson[] }
    expect(authorView.items.find((c) => c.id === comment.id)).toMatchObject({
      state: 'hidden',
      hiddenReason: 'It names a private person.',
    })
    expect(
      ((await (await editor.request('/api/guides/mod/moderation')).json()) as { flagged: unknown[] }).flagged,
    ).toEqual([])

    const restored = await editor.send('POST', `/api/comments/${comment.id}/restore`)
    expect(((await restored.json()) as CommentJson).state).toBe('published')
    const actions = await database.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', 'like', 'comment.%')
      .execute()
    expect(actions.map((a) => a.action)).toEqual(['comment.hidden', 'comment.restored'])
  })

  it('brings a flag back to the queue when the same person flags a restored comment again', async () => {
    const comment = (await (
      await reviewer.send('POST', thread, { kind: 'comment', body: 'The clerk at the desk is useless' })
    ).json()) as CommentJson
    expect((await editor.send('POST', `/api/comments/${comment.id}/flags`, { reason: 'Rude' })).status).toBe(
      204,
    )
    await editor.send('POST', `/api/comments/${comment.id}/hide`, {
      reasonCode: 'other',
      reason: 'Rude about staff.',
    })
    await editor.send('POST', `/api/comments/${comment.id}/restore`)
    // Hiding closed the first flag; a second one, after the comment came back, must reach the editors.
    expect(
      (await editor.send('POST', `/api/comments/${comment.id}/flags`, { reason: 'Still names the clerk' }))
        .status,
    ).toBe(204)
    const queue = (await (await editor.request('/api/guides/mod/moderation')).json()) as {
      flagged: { comment: CommentJson; flags: { reason: string }[] }[]
    }
    expect(queue.flagged.find((f) => f.comment.id === comment.id)?.flags).toEqual([
      expect.objectContaining({ reason: 'Still names the clerk' }),
    ])
  })

  it('approves pre-moderated comments from the queue', async () => {
    await editor.send('PATCH', '/api/guides/mod/settings', { moderation: 'pre' })
    const pending = (await (
      await reviewer.send('POST', thread, { kind: 'example', body: 'Waiting' })
    ).json()) as CommentJson
    const queue = (await (await editor.request('/api/guides/mod/moderation')).json()) as {
      pending: CommentJson[]
    }
    expect(queue.pending.map((c) => c.id)).toEqual([pending.id])
    expect(
      ((await (await editor.send('POST', `/api/comments/${pending.id}/restore`)).json()) as CommentJson)
        .state,
    ).toBe('published')
    const publicView = (await (await app.request(thread)).json()) as { items: CommentJson[] }
    expect(publicView.items.map((c) => c.id)).toContain(pending.id)
  })
})
