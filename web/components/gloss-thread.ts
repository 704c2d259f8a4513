import { LitElement, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { ApiError, isWhole, type CommentView, type GoneComment } from '../api.ts'
import {
  editComment,
  flagComment,
  hideComment,
  listComments,
  postComment,
  restoreComment,
  setAgreement,
  withdrawComment,
  type ThreadPlace,
} from '../comments-api.ts'
import { glossEvent, type GlossEventMap } from '../events.ts'
import { innerUpdates, type CommentControl } from './gloss-comment.ts'
import './gloss-composer.ts'
import './gloss-follow-toggle.ts'
import { threadStyles } from './gloss-thread.styles.ts'
import { msg } from '../messages.ts'
import { threadUrl } from '../../src/comments/urls.ts'

/**
 * The thread of one block (or the edition's general discussion when `blockKey` is null): it loads the
 * comments, keeps them current, and stores what the reader does in them (posting, editing, withdrawing,
 * flagging), saying what happened aloud. The comments and forms are elements of their own; this one
 * decides which forms are open and where the focus goes. It sits beside the text on very wide screens
 * and as a drawer under the paragraph on others.
 *
 * @fires gloss-thread-close - when the reader closes it (Escape or the close button)
 * @fires gloss-comment-posted - after the reader's comment is stored; detail `{ comment }`
 */
@customElement('gloss-thread')
export class GlossThread extends LitElement {
  static override styles = threadStyles

  @property() slug = ''
  @property({ type: Number }) edition = 0
  /** The block's key, or null for the general discussion. */
  @property({ attribute: false }) blockKey: string | null = null
  @property() label = ''
  @property({ type: Boolean }) mayComment = false
  @property({ type: Boolean }) signedIn = false
  /** Whether the server says this viewer moderates the guide (the counts' `mayModerate`): Hide and Restore. */
  @property({ type: Boolean }) mayModerate = false
  /** What the composer's "may be published" starts as, and the organisation it offers (the counts say). */
  @property({ type: Boolean }) publishByDefault = true
  @property() organisation = ''
  /** Words selected in the block when the thread was opened, offered as the quote. */
  @property() quote = ''
  /** The block's text, which a suggestion starts from and is previewed against; empty for the general discussion. */
  @property() paragraph = ''
  /** Comments to show before the others: those quoting the highlight the reader chose. */
  @property({ attribute: false }) first: string[] = []

  @state() private comments: CommentView[] = []
  @state() private next: string | null = null
  @state() private loading = true
  @state() private problem = ''
  @state() private replyTo: string | null = null
  @state() private editing: string | null = null
  @state() private announcement = ''
  /** Comments flagged here, which show that they were instead of their Flag button. */
  @state() private flagged: ReadonlySet<string> = new Set()
  @query('h2') private heading!: HTMLHeadingElement

  /**
   * The panel opens inside the guide's text, under its paragraph, but it is the interface's: it takes
   * the page's language and direction, not the text's (an Arabic guide's would set an English panel
   * right to left), and says in `text-dir` which way the text runs, so that on a wide screen it stands
   * on the side the text's lines end, where its margin is (gloss-thread.styles.ts).
   */
  override connectedCallback() {
    super.connectedCallback()
    // The guide's direction, not its paragraph's: a block runs its own way (dir="auto"), its rail the guide's.
    const text = this.closest('.guide-body') ?? this.parentElement
    const around = text ? getComputedStyle(text).direction : 'ltr'
    this.setAttribute('text-dir', around)
    this.lang = document.documentElement.lang
    this.dir = getComputedStyle(document.body).direction
  }

  constructor() {
    super()
    this.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return
      event.stopPropagation()
      this.close()
    })
    this.addEventListener('gloss-comment-submit', ({ detail }) => void this.post(detail))
    this.addEventListener('gloss-reply-toggle', ({ detail: { commentId } }) => {
      this.replyTo = this.replyTo === commentId ? null : commentId
      if (this.replyTo) this.focusAfterRender(commentId, 'reply-form')
    })
    this.addEventListener('gloss-edit-start', ({ detail: { commentId } }) => {
      this.editing = commentId
      this.focusAfterRender(commentId, 'edit-form')
    })
    this.addEventListener('gloss-edit-cancel', ({ detail: { commentId } }) => {
      this.editing = null
      this.focusAfterRender(commentId, 'edit')
    })
    this.addEventListener('gloss-edit-save', ({ detail: { commentId, changes } }) => {
      void this.act(async () => {
        this.receive(await editComment(commentId, changes))
        this.editing = null
        this.focusAfterRender(commentId, 'edit')
      })
    })
    // The button pressed goes with the form it was in: the focus goes to what now stands in its place,
    // the comment's new state, or back to the button that opens the form again if storing it failed.
    this.addEventListener('gloss-comment-withdraw', ({ detail: { commentId } }) => {
      void this.act(
        async () => {
          this.receive(await withdrawComment(commentId))
          this.announcement = msg('thread.withdrawn')
          this.focusAfterRender(commentId, 'withdrawn')
        },
        () => this.focusAfterRender(commentId, 'withdraw'),
      )
    })
    this.addEventListener('gloss-agreement-toggle', ({ detail: { commentId, agree } }) => {
      void this.act(async () => {
        this.receive(await setAgreement(commentId, agree))
        this.announcement = agree ? msg('thread.agreed') : msg('thread.unagreed')
      })
    })
    this.addEventListener('gloss-follow-changed', ({ detail: { blockKey, following } }) => {
      const what = blockKey === null ? 'guide' : 'paragraph'
      this.announcement = following ? msg('thread.following', { what }) : msg('thread.unfollowed', { what })
    })
    this.addEventListener('gloss-comment-flag', ({ detail: { commentId, reason } }) => {
      void this.act(async () => {
        await flagComment(commentId, reason)
        this.flagged = new Set([...this.flagged, commentId])
        this.announcement = msg('thread.flagged')
        this.focusAfterRender(commentId, 'flagged')
      })
    })
    // An editor's hiding and restoring: the comment stays in their thread, marked, with the focus on
    // what undoes it; other pages hear of it from the live stream, the public's dropping it.
    this.addEventListener('gloss-comment-hide', ({ detail: { commentId, reasonCode, reason } }) => {
      void this.act(async () => {
        this.receive(await hideComment(commentId, reasonCode, reason))
        this.announcement = msg('thread.hidden')
        this.focusAfterRender(commentId, 'restore')
      })
    })
    this.addEventListener('gloss-comment-restore', ({ detail: { commentId } }) => {
      // The same route publishes a comment waiting for approval and restores a hidden one.
      const was = this.comments.find((c) => c.id === commentId)?.state
      void this.act(async () => {
        this.receive(await restoreComment(commentId))
        this.announcement = msg(was === 'pending' ? 'thread.approved' : 'thread.restored')
        this.focusAfterRender(commentId, 'hide')
      })
    })
  }

  /**
   * Another thread shown: what belonged to the one before goes before the next render, so its comments,
   * open forms and messages never show under the new heading while the new ones load.
   */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.placeChanged(changed)) return
    this.comments = []
    this.next = null
    this.replyTo = null
    this.editing = null
    this.flagged = new Set()
    this.problem = ''
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.placeChanged(changed)) void this.load()
  }

  private placeChanged(changed: PropertyValues<this>): boolean {
    return changed.has('blockKey') || changed.has('slug') || changed.has('edition')
  }

  /** Where the thread is now: a request's answer counts only while this stays the same. */
  private get place(): ThreadPlace {
    return { slug: this.slug, edition: this.edition, blockKey: this.blockKey }
  }

  private showing(place: ThreadPlace): boolean {
    const now = this.place
    return place.slug === now.slug && place.edition === now.edition && place.blockKey === now.blockKey
  }

  /** Settles once the comments and forms have rendered too, so focus can go in them. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete()
    return (await innerUpdates(this.renderRoot)) && done
  }

  /** Moves focus into the thread, as a dialog would. */
  focusHeading(): void {
    void this.updateComplete.then(() => this.heading.focus())
  }

  /**
   * Once the next render is done, puts the focus on what it shows: a form just opened, or the button
   * that opened a form the render removed, so a keyboard user is never dropped at the top of the page.
   */
  private focusAfterRender(commentId: string, control: CommentControl) {
    void this.updateComplete.then(() => {
      for (const element of this.renderRoot.querySelectorAll('gloss-comment'))
        element.elementFor(commentId)?.focusControl(control)
    })
  }

  /**
   * A comment from the live stream: added or replaced, and announced politely if it is new. One that comes
   * as its id, state and block alone has left this viewer's sight, and leaves the thread.
   */
  receive(comment: CommentView | GoneComment, live = false): void {
    if (!isWhole(comment)) {
      this.comments = this.comments.filter((c) => c.id !== comment.id)
      return
    }
    if (comment.blockKey !== this.blockKey) return
    const index = this.comments.findIndex((c) => c.id === comment.id)
    if (index === -1) {
      this.comments = [...this.comments, comment]
      if (!comment.mine)
        this.announcement = msg('thread.arrived', { kind: comment.kind, name: comment.author.displayName })
    } else
      this.comments = this.comments.map((c) =>
        // A stream's event is the same for everyone, so whether this reader agrees stays as they know it.
        c.id === comment.id ? { ...c, ...comment, ...(live ? { agreed: c.agreed } : {}) } : c,
      )
  }

  private close() {
    this.dispatchEvent(glossEvent('gloss-thread-close', null))
  }

  /**
   * Loads the thread's first page, or the next. On a slow connection the reader may have opened another
   * thread before the answer comes: an answer for a thread no longer shown is dropped, and its load no
   * longer says it is loading.
   */
  private async load(more = false) {
    const place = this.place
    const request = ++this.requests
    const current = () => request === this.requests && this.showing(place)
    this.loading = true
    this.problem = ''
    try {
      const page = await listComments(place, more ? this.next : null)
      if (!current()) return
      this.comments = more ? [...this.comments, ...page.items] : page.items
      this.next = page.next
    } catch (error) {
      if (current()) this.problem = error instanceof Error ? error.message : msg('thread.loadFailed')
    } finally {
      if (current()) this.loading = false
    }
  }

  /** Loads started, so that only the newest one's answer is shown. */
  private requests = 0

  /**
   * Stores the draft in the thread whose heading is shown when it is sent. If the reader has moved to
   * another thread by the time it is stored, the margin still counts it, but the thread now shown keeps
   * its own quote, reply form and messages.
   */
  private async post({ draft, settle }: GlossEventMap['gloss-comment-submit']['detail']) {
    const place = this.place
    try {
      const comment = await postComment(place, draft)
      settle('stored')
      this.dispatchEvent(glossEvent('gloss-comment-posted', { comment }))
      if (!this.showing(place)) return
      this.quote = ''
      this.replyTo = null
      if (draft.parentId) this.focusAfterRender(draft.parentId, 'reply')
      // Writing in a thread follows its paragraph (the guide, for the general discussion) on the server.
      this.renderRoot.querySelector('gloss-follow-toggle')?.followed()
      this.receive(comment)
      this.announcement = comment.state === 'pending' ? msg('thread.pending') : msg('thread.posted')
    } catch (error) {
      settle(error instanceof ApiError && error.status >= 400 && error.status < 500 ? 'refused' : 'failed')
      if (!this.showing(place)) return
      this.problem =
        error instanceof ApiError && error.errors[0]
          ? `${error.message} ${error.errors[0].detail}`
          : (error as Error).message
    }
  }

  /**
   * Stores what the reader did to a comment; a refusal is shown at the top of the thread, and `failed`
   * puts the focus back where the reader can try again.
   */
  private async act(action: () => Promise<void>, failed?: () => void) {
    try {
      await action()
    } catch (error) {
      this.problem = (error as Error).message
      failed?.()
    }
  }

  override render() {
    const shown = this.comments.filter(
      (c) => c.parentId === null || !this.comments.some((p) => p.id === c.parentId),
    )
    const topLevel = [
      ...shown.filter((c) => this.first.includes(c.id)),
      ...shown.filter((c) => !this.first.includes(c.id)),
    ]
    const heading =
      this.blockKey === null ? msg('thread.general') : msg('thread.heading', { label: this.label })
    const close = msg('thread.close')
    return html`<header>
        <h2 tabindex="-1">${heading}</h2>
        ${
          this.signedIn
            ? html`<gloss-follow-toggle .slug=${this.slug} .blockKey=${this.blockKey}></gloss-follow-toggle>`
            : nothing
        }
        <button type="button" @click=${() => this.close()} aria-label=${msg('thread.closeLabel')}>
          ${close}
        </button>
      </header>
      <div role="status" aria-live="polite" class="visually-hidden">${this.announcement}</div>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      ${this.loading && this.comments.length === 0 ? html`<p>${msg('thread.loading')}</p>` : nothing}
      ${!this.loading && this.comments.length === 0 ? html`<p>${msg('thread.none')}</p>` : nothing}
      <ol>
        ${topLevel.map(
          (comment) =>
            html`<li>
              <gloss-comment
                .comment=${comment}
                .comments=${this.comments}
                .paragraph=${this.paragraph}
                .mayComment=${this.mayComment}
                .signedIn=${this.signedIn}
                .mayModerate=${this.mayModerate}
                .replyTo=${this.replyTo}
                .editing=${this.editing}
                .flagged=${this.flagged}
                .consent=${{ publishByDefault: this.publishByDefault, organisation: this.organisation, slug: this.slug }}
              ></gloss-comment>
            </li>`,
        )}
      </ol>
      ${this.next ? html`<button type="button" @click=${() => void this.load(true)}>${msg('thread.later')}</button>` : nothing}
      ${
        this.mayComment
          ? html`<gloss-composer
              .quoting=${this.blockKey !== null}
              .quote=${this.quote}
              .paragraph=${this.paragraph}
              .publishByDefault=${this.publishByDefault}
              .organisation=${this.organisation}
              .slug=${this.slug}
            ></gloss-composer>`
          : this.signedIn
            ? html`<p>${msg('thread.cannotComment')}</p>`
            : html`<p><a href=${signInToThread(this.place)}>${msg('thread.signIn')}</a>.</p>`
      }`
  }
}

/**
 * Signing in from a thread comes back to that thread's own page (the one the page without scripts links
 * to), in the text the reader chose, rather than to the top of the guide.
 */
function signInToThread(place: ThreadPlace): string {
  const text = new URLSearchParams(location.search).get('text')
  const thread = threadUrl({
    slug: place.slug,
    number: place.edition,
    blockKey: place.blockKey,
    text: text ?? undefined,
  })
  return `/sign-in?next=${encodeURIComponent(thread)}`
}

declare global {
  interface HTMLElementTagNameMap {
    'gloss-thread': GlossThread
  }
}
