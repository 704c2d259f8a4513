import { msg } from './messages.ts'
/** The one way the elements talk to the server: JSON in and out, problem+json turned into ApiError. */
export interface FieldProblem {
  pointer: string
  detail: string
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(message)
  }
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    })
  } catch {
    // The network failed (offline, the connection dropped): the browser's own words ("Failed to
    // fetch") say nothing to a reader, and in English only.
    throw new ApiError(0, msg('api.unreachable'))
  }
  if (response.status === 204) return undefined as T
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>
  if (!response.ok) {
    const detail =
      typeof data.detail === 'string'
        ? data.detail
        : msg('api.serverAnswered', { status: String(response.status) })
    throw new ApiError(
      response.status,
      detail,
      Array.isArray(data.errors) ? (data.errors as FieldProblem[]) : [],
    )
  }
  return data as T
}

/** The API's shapes, from the schemas its routes are declared with (src/comments/comment.contract.ts). */
export type { CommentView, CommentPage, Counts } from '../src/comments/comment.schemas.ts'
import type { CommentView } from '../src/comments/comment.schemas.ts'

/** What the live stream says of a comment: its block's count now rides along, for the margin. */
export interface LiveCount {
  /** Published comments on the comment's block when the event was sent; absent for the general discussion. */
  blockCount?: number
}

/**
 * A comment that has left the viewer's sight (hidden, or waiting for a moderator again): its id and
 * state, and where it was, so the margin can be lowered, but none of its words.
 */
export type GoneComment = Pick<CommentView, 'id' | 'state' | 'blockKey'>

/** Whether the stream sent the comment itself, or only that it has gone. */
export const isWhole = (comment: CommentView | GoneComment): comment is CommentView => 'kind' in comment

/** Which edition the page shows, from its canonical link (`/g/<slug>/<n>`). */
export function pageEdition(): { slug: string; number: number } | undefined {
  const href = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.getAttribute('href') ?? ''
  const match = /^\/g\/([a-z0-9-]+)\/(\d+)$/.exec(href)
  return match?.[1] && match[2] ? { slug: match[1], number: Number(match[2]) } : undefined
}
