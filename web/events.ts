import type { CommentView } from './api.ts'
import type { HideReason } from '../src/kernel/words.ts'

/** A new comment or a reply, as a composer sends it for storing. */
export interface CommentDraft {
  kind: CommentView['kind']
  body: string
  /** Words of the block it responds to; empty for none. */
  quote: string
  parentId: string | null
  /** A suggestion's wording; undefined for other kinds. */
  proposal?: string | undefined
  /** Whether it may be published; undefined leaves it to the guide (and to the comment a reply answers). */
  public?: boolean | undefined
  /** The organisation its author responds for; empty for none. */
  onBehalfOf?: string | undefined
  /** One key per submission: a retried request never makes a second comment. */
  idempotencyKey: string
}

/** What an edit changes of a comment: only what the reader changed, as the PATCH sends it. */
export interface CommentChanges {
  body?: string
  proposal?: string
  public?: boolean
  onBehalfOf?: string
}

/**
 * How storing a draft ended: stored (the form clears), refused by the server (the next try is a new
 * submission) or failed on the way (a retry keeps the key, so it cannot post twice).
 */
export type DraftOutcome = 'stored' | 'refused' | 'failed'

/**
 * Every event Gloss's elements raise, by name, as listeners receive it. Each is raised by a reader's
 * action, bubbles, and crosses shadow roots.
 */
export interface GlossEventMap {
  /** gloss-block: the paragraph's permanent link is on the clipboard. */
  'gloss-link-copied': CustomEvent<{ url: string }>
  /**
   * gloss-block: the reader opened the block's comments, with the words they had selected in it, or
   * from a highlighted quote, with the comments quoting it to show first.
   */
  'gloss-open-thread': CustomEvent<{
    key: string
    label: string
    quote: string
    opener: HTMLElement
    first?: string[]
  }>
  /** gloss-thread: the reader closed it (Escape or the close button). */
  'gloss-thread-close': CustomEvent<null>
  /** gloss-thread: the reader's comment or reply is stored. */
  'gloss-comment-posted': CustomEvent<{ comment: CommentView }>
  /** gloss-composer: a new comment or reply to store; whoever stores it calls `settle` with how it went. */
  'gloss-comment-submit': CustomEvent<{ draft: CommentDraft; settle: (outcome: DraftOutcome) => void }>
  /** gloss-composer: what the reader changed of their own comment (its words, wording, who may read it). */
  'gloss-edit-save': CustomEvent<{ commentId: string; changes: CommentChanges }>
  /** gloss-composer: the reader left an edit without saving. */
  'gloss-edit-cancel': CustomEvent<{ commentId: string }>
  /** gloss-comment: Edit pressed on the reader's own comment. */
  'gloss-edit-start': CustomEvent<{ commentId: string }>
  /** gloss-comment: Reply pressed, opening the reply form or closing it. */
  'gloss-reply-toggle': CustomEvent<{ commentId: string }>
  /** gloss-comment: Withdraw pressed on the reader's own comment. */
  'gloss-comment-withdraw': CustomEvent<{ commentId: string }>
  /** gloss-comment: Agree pressed, to agree with the comment or take it back. */
  'gloss-agreement-toggle': CustomEvent<{ commentId: string; agree: boolean }>
  /** gloss-follow-toggle: the reader now follows the paragraph (the guide, for a null key), or no longer does. */
  'gloss-follow-changed': CustomEvent<{ blockKey: string | null; following: boolean }>
  /** gloss-flag-form: a comment sent to the editors, with what is wrong with it. */
  'gloss-comment-flag': CustomEvent<{ commentId: string; reason: string }>
  /** gloss-hide-form: an editor hides a comment, with a reason code and words the moderation log shows. */
  'gloss-comment-hide': CustomEvent<{ commentId: string; reasonCode: HideReason; reason: string }>
  /** gloss-comment: an editor restores a hidden comment. */
  'gloss-comment-restore': CustomEvent<{ commentId: string }>
}

/** An event of the map above, raised from a Gloss element: it bubbles out of every shadow root. */
export const glossEvent = <Name extends keyof GlossEventMap>(
  name: Name,
  detail: GlossEventMap[Name]['detail'],
): GlossEventMap[Name] =>
  new CustomEvent(name, { detail, bubbles: true, composed: true }) as GlossEventMap[Name]

declare global {
  // Listeners on elements and on the document get the typed event for a Gloss event's name.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a global map grows only by merging
  interface HTMLElementEventMap extends GlossEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- as above
  interface DocumentEventMap extends GlossEventMap {}
}
