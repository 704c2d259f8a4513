import { api, type CommentPage, type CommentView } from './api.ts'
import type { CommentChanges, CommentDraft } from './events.ts'
import type { HideReason } from '../src/kernel/words.ts'

/** One page of a thread, oldest first, and the cursor of the next page if there is one. */
export type ThreadPage = CommentPage

/** Where a thread is: an edition's block, or its general discussion when `blockKey` is null. */
export interface ThreadPlace {
  slug: string
  edition: number
  blockKey: string | null
}

const editionPath = ({ slug, edition }: ThreadPlace) => `/api/guides/${slug}/editions/${String(edition)}`

/** A page of the thread's comments: the first, or the one `cursor` points to. */
export function listComments(place: ThreadPlace, cursor?: string | null): Promise<ThreadPage> {
  const path =
    place.blockKey === null
      ? `${editionPath(place)}/comments?scope=general`
      : `${editionPath(place)}/blocks/${place.blockKey}/comments`
  return api<ThreadPage>(cursor ? `${path}${path.includes('?') ? '&' : '?'}cursor=${cursor}` : path)
}

/** Stores a comment or reply; the draft's idempotency key makes a retry return the same comment. */
export function postComment(place: ThreadPlace, draft: CommentDraft): Promise<CommentView> {
  const { kind, body, quote, parentId, proposal, onBehalfOf } = draft
  return api<CommentView>(
    place.blockKey === null
      ? `${editionPath(place)}/comments`
      : `${editionPath(place)}/blocks/${place.blockKey}/comments`,
    {
      method: 'POST',
      headers: { 'idempotency-key': draft.idempotencyKey },
      body: {
        kind,
        body,
        ...(quote ? { quote: { exact: quote } } : {}),
        ...(parentId ? { parentId } : {}),
        ...(kind === 'suggestion' && proposal !== undefined ? { proposal } : {}),
        ...(draft.public === undefined ? {} : { public: draft.public }),
        ...(onBehalfOf ? { onBehalfOf } : {}),
      },
    },
  )
}

/** Changes the reader's own comment: only the fields given, so nothing else of it is touched. */
export const editComment = (id: string, changes: CommentChanges): Promise<CommentView> =>
  api<CommentView>(`/api/comments/${id}`, { method: 'PATCH', body: changes })

export const withdrawComment = (id: string): Promise<CommentView> =>
  api<CommentView>(`/api/comments/${id}/withdraw`, { method: 'POST' })

/** Agrees with a comment, or takes the agreement back. */
export const setAgreement = (id: string, agree: boolean): Promise<CommentView> =>
  api<CommentView>(`/api/comments/${id}/agreement`, { method: agree ? 'PUT' : 'DELETE' })

/** Sends a comment to the editors, with what is wrong with it. */
export const flagComment = (id: string, reason: string): Promise<unknown> =>
  api(`/api/comments/${id}/flags`, { method: 'POST', body: { reason } })

/** Hides a comment (the guide's editors only: the server refuses anyone else), with why. */
export const hideComment = (id: string, reasonCode: HideReason, reason: string): Promise<CommentView> =>
  api<CommentView>(`/api/comments/${id}/hide`, { method: 'POST', body: { reasonCode, reason } })

/** Restores a hidden comment (the guide's editors only). */
export const restoreComment = (id: string): Promise<CommentView> =>
  api<CommentView>(`/api/comments/${id}/restore`, { method: 'POST' })
