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
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  })
  if (response.status === 204) return undefined as T
  const data = (await response.json().catch(() => ({}))) as Record<string, unknown>
  if (!response.ok) {
    const detail =
      typeof data.detail === 'string' ? data.detail : `The server answered ${String(response.status)}.`
    throw new ApiError(
      response.status,
      detail,
      Array.isArray(data.errors) ? (data.errors as FieldProblem[]) : [],
    )
  }
  return data as T
}

export interface CommentView {
  id: string
  kind: 'comment' | 'reflection' | 'example'
  body: string
  html: string
  quote: { exact: string; prefix?: string; suffix?: string } | null
  parentId: string | null
  blockKey: string | null
  author: { id: string | null; displayName: string; organisation: string }
  createdAt: string
  edited: boolean
  state: 'published' | 'pending' | 'hidden' | 'withdrawn'
  hiddenReason?: string | null
  mine: boolean
  edition: number
  decision: { decision: string; response: string } | null
  /** Present when the comment was written on an earlier edition and carried to this paragraph. */
  writtenOn?: { edition: number; number: string; redline: { text: string; change?: 'del' | 'ins' }[] | null }
}

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

export interface Counts {
  counts: Record<string, number>
  general: number
  takesComments: boolean
  mayComment: boolean
  signedIn: boolean
  mayEdit: boolean
  /** Comments carried from paragraphs this edition removed. */
  removed: number
  /** The live event position the counts stand at: the page's stream starts there. */
  position?: number
}

/** Which edition the page shows, from its canonical link (`/g/<slug>/<n>`). */
export function pageEdition(): { slug: string; number: number } | undefined {
  const href = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.getAttribute('href') ?? ''
  const match = /^\/g\/([a-z0-9-]+)\/(\d+)$/.exec(href)
  return match?.[1] && match[2] ? { slug: match[1], number: Number(match[2]) } : undefined
}
