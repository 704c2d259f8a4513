import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import { unsafeHTML } from 'lit/directives/unsafe-html.js'
import { api, ApiError, type CommentView } from '../api.ts'

/** A text field of a submitted form. */
const field = (data: FormData | undefined, name: string, fallback: string) => {
  const value = data?.get(name)
  return typeof value === 'string' ? value : fallback
}

const KINDS = [
  ['comment', 'Comment'],
  ['reflection', 'Reflection'],
  ['example', 'Example'],
] as const

const DECISIONS: Record<string, string> = {
  accepted: 'Accepted',
  'partly-accepted': 'Partly accepted',
  'not-accepted': 'Not accepted',
  noted: 'Noted (no change needed)',
  'out-of-scope': 'Out of scope',
  duplicate: 'Duplicate',
}

/** A comment carried from an earlier edition: where it was written, and the wording's changes since. */
const writtenOn = (w: NonNullable<CommentView['writtenOn']>) =>
  html`<details class="written-on">
    <summary>Written on edition ${w.edition}, paragraph ${w.number}</summary>
    ${
      w.redline
        ? html`<p class="redline" dir="auto">
            ${w.redline.map((part) =>
              part.change === 'del'
                ? html`<del>${part.text}</del>`
                : part.change === 'ins'
                  ? html`<ins>${part.text}</ins>`
                  : part.text,
            )}
          </p>`
        : nothing
    }
  </details>`

/**
 * The thread of one block (or the edition's general discussion when `blockKey` is null): its comments
 * with replies, a composer, and the author's own edit and withdraw, flags for everyone signed in.
 * It sits beside the text on very wide screens and as a drawer under the paragraph on others.
 *
 * @fires gloss-thread-close - when the reader closes it (Escape or the close button)
 * @fires gloss-comment-posted - after a comment is stored; detail `{ comment }`
 */
@customElement('gloss-thread')
export class GlossThread extends LitElement {
  static override styles = css`
    * {
      box-sizing: border-box;
    }
    :host {
      box-sizing: border-box;
      display: block;
      font-family: var(--gloss-sans, system-ui, sans-serif);
      font-size: 0.95rem;
      color: var(--gloss-ink, #1b1b1f);
      background: var(--gloss-paper, #fff);
      border: 1px solid var(--gloss-rule, #ccc);
      border-radius: 6px;
      padding: 1rem;
      margin: 0.75rem 0 1.25rem;
      box-shadow: 0 4px 18px rgb(0 0 0 / 12%);
    }
    /*
     * Only where the page leaves room beside the text (from 84rem the reading column ends left of a
     * 24rem panel, styles.css); narrower, the thread opens under its paragraph.
     */
    @media (min-width: 84rem) {
      :host {
        position: fixed;
        top: 1rem;
        right: 1rem;
        bottom: 1rem;
        width: 24rem;
        margin: 0;
        overflow: auto;
        z-index: 5;
      }
    }
    header {
      display: flex;
      justify-content: space-between;
      align-items: start;
      gap: 1rem;
    }
    h2 {
      font-size: 1.1rem;
      margin: 0 0 0.75rem;
    }
    h2:focus {
      outline: none;
    }
    h2:focus-visible,
    summary:focus-visible,
    a:focus-visible,
    button:focus-visible,
    textarea:focus-visible,
    input:focus-visible {
      outline: 3px solid var(--gloss-focus, #ffbf47);
      outline-offset: 2px;
      box-shadow: 0 0 0 2px var(--gloss-ink, #1b1b1f);
    }
    ol {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    article {
      border-top: 1px solid var(--gloss-rule, #ddd);
      padding: 0.75rem 0;
    }
    .replies {
      margin-left: 1.25rem;
      border-left: 3px solid var(--gloss-rule, #ddd);
      padding-left: 0.75rem;
    }
    .meta {
      color: var(--gloss-muted, #555);
      font-size: 0.8rem;
    }
    .kind {
      display: inline-block;
      font-weight: 600;
      font-size: 0.75rem;
      text-transform: uppercase;
      letter-spacing: 0.05em;
      margin-right: 0.4rem;
    }
    .written-on summary {
      color: var(--gloss-muted, #555);
      cursor: pointer;
    }
    .redline del {
      text-decoration: line-through;
      background: var(--gloss-del, #fde2e1);
    }
    .redline ins {
      text-decoration: underline;
      background: var(--gloss-ins, #dff3e4);
    }
    .decision {
      border-left: 3px solid var(--gloss-accent, #1d5b8f);
      padding-left: 0.5rem;
    }
    blockquote {
      margin: 0.4rem 0;
      padding: 0.2rem 0.6rem;
      border-left: 3px solid var(--gloss-accent, #1d5b8f);
      font-style: italic;
    }
    .body :first-child {
      margin-top: 0.25rem;
    }
    .actions {
      display: flex;
      gap: 0.4rem;
      flex-wrap: wrap;
    }
    button {
      white-space: nowrap;
      font: inherit;
      min-height: 2.75rem;
      min-width: 2.75rem;
      padding: 0.4rem 0.8rem;
      border-radius: 4px;
      border: 1px solid var(--gloss-accent, #1d5b8f);
      background: transparent;
      color: var(--gloss-accent, #1d5b8f);
      cursor: pointer;
    }
    button.primary {
      background: var(--gloss-accent, #1d5b8f);
      color: var(--gloss-accent-ink, #fff);
    }
    a {
      color: var(--gloss-accent, #1d5b8f);
      overflow-wrap: anywhere;
    }
    /* Flag opens a small form: its summary looks like the buttons beside it. */
    .actions details > summary {
      display: inline-flex;
      align-items: center;
      min-height: 2.75rem;
      padding: 0.4rem 0.8rem;
      border-radius: 4px;
      border: 1px solid var(--gloss-accent, #1d5b8f);
      color: var(--gloss-accent, #1d5b8f);
      cursor: pointer;
      list-style: none;
    }
    .actions details > summary::-webkit-details-marker {
      display: none;
    }
    .actions details[open] {
      flex-basis: 100%;
    }
    form {
      display: grid;
      gap: 0.5rem;
      margin-top: 0.75rem;
    }
    fieldset {
      border: 0;
      padding: 0;
      margin: 0;
      display: flex;
      gap: 0.75rem;
      flex-wrap: wrap;
    }
    label {
      font-weight: 600;
    }
    fieldset label {
      font-weight: 400;
      min-height: 2.75rem;
      display: inline-flex;
      align-items: center;
      gap: 0.3rem;
    }
    textarea,
    input[type='text'] {
      font: inherit;
      width: 100%;
      padding: 0.5rem;
      border: 2px solid var(--gloss-muted, #555);
      border-radius: 4px;
      background: var(--gloss-paper, #fff);
      color: inherit;
      min-height: 2.75rem;
    }
    textarea {
      min-height: 6rem;
    }
    .error {
      color: #b3261e;
      font-weight: 600;
    }
    .badge {
      font-size: 0.75rem;
      font-weight: 600;
      padding: 0.05rem 0.4rem;
      border-radius: 999px;
      background: var(--gloss-tint, #eef3f8);
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  `

  @property() slug = ''
  @property({ type: Number }) edition = 0
  /** The block's key, or null for the general discussion. */
  @property({ attribute: false }) blockKey: string | null = null
  @property() label = ''
  @property({ type: Boolean }) mayComment = false
  @property({ type: Boolean }) signedIn = false
  /** Words selected in the block when the thread was opened, offered as the quote. */
  @property() quote = ''

  @state() private comments: CommentView[] = []
  @state() private next: string | null = null
  @state() private loading = true
  @state() private problem = ''
  @state() private replyTo: string | null = null
  @state() private editing: string | null = null
  @state() private announcement = ''
  @query('h2') private heading!: HTMLHeadingElement

  private get path() {
    const base = `/api/guides/${this.slug}/editions/${String(this.edition)}`
    return this.blockKey === null
      ? `${base}/comments?scope=general`
      : `${base}/blocks/${this.blockKey}/comments`
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.addEventListener('keydown', this.onKeydown)
  }

  override disconnectedCallback(): void {
    this.removeEventListener('keydown', this.onKeydown)
    super.disconnectedCallback()
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('blockKey') || changed.has('slug')) void this.load()
  }

  /** Moves focus into the thread, as a dialog would. */
  focusHeading(): void {
    void this.updateComplete.then(() => this.heading.focus())
  }

  /**
   * Once the next render is done, puts the focus on what it shows: a form just opened, or the button
   * that opened a form the render removed, so a keyboard user is never dropped at the top of the page.
   */
  private focusAfterRender(selector: string) {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus())
  }

  /** A comment from the live stream: added or replaced, and announced politely if it is new. */
  receive(comment: CommentView): void {
    if (comment.blockKey !== this.blockKey) return
    const index = this.comments.findIndex((c) => c.id === comment.id)
    if (index === -1) {
      this.comments = [...this.comments, comment]
      if (!comment.mine) this.announcement = `New ${comment.kind} from ${comment.author.displayName}.`
    } else this.comments = this.comments.map((c) => (c.id === comment.id ? { ...c, ...comment } : c))
  }

  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation()
      this.close()
    }
  }

  private close() {
    this.dispatchEvent(new CustomEvent('gloss-thread-close', { bubbles: true, composed: true }))
  }

  private async load(more = false) {
    this.loading = true
    this.problem = ''
    try {
      const page = await api<{ items: CommentView[]; next: string | null }>(
        more && this.next
          ? `${this.path}${this.path.includes('?') ? '&' : '?'}cursor=${this.next}`
          : this.path,
      )
      this.comments = more ? [...this.comments, ...page.items] : page.items
      this.next = page.next
    } catch (error) {
      this.problem = error instanceof Error ? error.message : 'The comments could not be loaded.'
    } finally {
      this.loading = false
    }
  }

  private async post(event: SubmitEvent, parentId: string | null) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    // One key per submission: a retried request never makes a second comment.
    form.dataset.key ??= crypto.randomUUID()
    const quote = field(data, 'quote', '').trim()
    try {
      const comment = await api<CommentView>(
        this.blockKey === null
          ? `/api/guides/${this.slug}/editions/${String(this.edition)}/comments`
          : this.path,
        {
          method: 'POST',
          headers: { 'idempotency-key': form.dataset.key },
          body: {
            kind: field(data, 'kind', 'comment'),
            body: field(data, 'body', ''),
            ...(quote ? { quote: { exact: quote } } : {}),
            ...(parentId ? { parentId } : {}),
          },
        },
      )
      delete form.dataset.key
      form.reset()
      this.quote = ''
      this.replyTo = null
      if (parentId) this.focusAfterRender(`#comment-${parentId} button.reply`)
      this.receive(comment)
      this.announcement =
        comment.state === 'pending' ? 'Your comment is waiting for a moderator.' : 'Your comment is posted.'
      this.dispatchEvent(
        new CustomEvent('gloss-comment-posted', { detail: { comment }, bubbles: true, composed: true }),
      )
    } catch (error) {
      if (error instanceof ApiError && error.status < 500) delete form.dataset.key
      this.problem =
        error instanceof ApiError && error.errors[0]
          ? `${error.message} ${error.errors[0].detail}`
          : (error as Error).message
    }
  }

  private async act(comment: CommentView, action: 'withdraw' | 'flag' | 'edit', event?: SubmitEvent) {
    event?.preventDefault()
    const data = event ? new FormData(event.target as HTMLFormElement) : undefined
    try {
      if (action === 'withdraw')
        this.receive(await api<CommentView>(`/api/comments/${comment.id}/withdraw`, { method: 'POST' }))
      if (action === 'edit') {
        this.receive(
          await api<CommentView>(`/api/comments/${comment.id}`, {
            method: 'PATCH',
            body: { body: field(data, 'body', '') },
          }),
        )
        this.editing = null
        this.focusAfterRender(`#comment-${comment.id} button.edit`)
      }
      if (action === 'flag') {
        await api(`/api/comments/${comment.id}/flags`, {
          method: 'POST',
          body: { reason: field(data, 'reason', '') },
        })
        this.announcement = 'Thank you: the editors will look at it.'
      }
    } catch (error) {
      this.problem = (error as Error).message
    }
  }

  private composer(parentId: string | null) {
    const id = parentId ?? 'new'
    return html`<form @submit=${(e: SubmitEvent) => void this.post(e, parentId)}>
      <fieldset>
        <legend class="visually-hidden">Kind</legend>
        ${KINDS.map(
          ([value, label], i) =>
            html`<label
              ><input type="radio" name="kind" value=${value} ?checked=${i === 0} /> ${label}</label
            >`,
        )}
      </fieldset>
      ${
        parentId === null && this.blockKey !== null
          ? html`<label for="quote-${id}">Words you are responding to (optional)</label>
              <input type="text" id="quote-${id}" name="quote" .value=${this.quote} />`
          : nothing
      }
      <label for="body-${id}">${parentId ? 'Your reply' : 'Your comment'}</label>
      <textarea id="body-${id}" name="body" required maxlength="10000"></textarea>
      <div class="actions">
        <button class="primary" type="submit">${parentId ? 'Post reply' : 'Post'}</button>
      </div>
    </form>`
  }

  private item(comment: CommentView): unknown {
    const replies = this.comments.filter((c) => c.parentId === comment.id)
    const kind = KINDS.find(([value]) => value === comment.kind)?.[1] ?? comment.kind
    return html`<li>
      <article id="comment-${comment.id}" aria-label="${kind} by ${comment.author.displayName}">
        <div class="meta">
          <span class="kind">${kind}</span
          >${comment.author.displayName}${comment.author.organisation ? `, ${comment.author.organisation}` : ''}
          ·
          <time datetime=${comment.createdAt}
            >${new Date(comment.createdAt).toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' })}</time
          >
          ${comment.edited ? html` · edited` : nothing}
          ${comment.state !== 'published' ? html` <span class="badge">${comment.state}</span>` : nothing}
        </div>
        ${
          comment.state === 'withdrawn'
            ? html`<p><em>Withdrawn by its author.</em></p>`
            : html`${comment.quote ? html`<blockquote>${comment.quote.exact}</blockquote>` : nothing}
                <div class="body" dir="auto">${unsafeHTML(comment.html)}</div>`
        }
        ${comment.writtenOn ? writtenOn(comment.writtenOn) : nothing}
        ${
          comment.decision && comment.decision.decision !== 'open'
            ? html`<p class="decision">
                <strong
                  >Editors' decision:
                  ${DECISIONS[comment.decision.decision] ?? comment.decision.decision}.</strong
                >
                ${comment.decision.response}
              </p>`
            : nothing
        }
        ${comment.state === 'hidden' && comment.hiddenReason ? html`<p class="error">Hidden by a moderator: ${comment.hiddenReason}</p>` : nothing}
        ${
          this.editing === comment.id
            ? html`<form @submit=${(e: SubmitEvent) => void this.act(comment, 'edit', e)}>
                <label for="edit-${comment.id}">Edit your comment</label>
                <textarea id="edit-${comment.id}" name="body" required .value=${comment.body}></textarea>
                <div class="actions">
                  <button class="primary" type="submit">Save</button
                  ><button
                    type="button"
                    @click=${() => {
                      this.editing = null
                      this.focusAfterRender(`#comment-${comment.id} button.edit`)
                    }}
                  >
                    Cancel
                  </button>
                </div>
              </form>`
            : nothing
        }
        <div class="actions">
          ${
            this.mayComment && comment.state === 'published' && comment.parentId === null
              ? html`<button
                  type="button"
                  aria-expanded=${this.replyTo === comment.id}
                  class="reply"
                  @click=${() => {
                    this.replyTo = this.replyTo === comment.id ? null : comment.id
                    if (this.replyTo) this.focusAfterRender(`#body-${comment.id}`)
                  }}
                >
                  Reply
                </button>`
              : nothing
          }
          ${
            comment.mine && this.mayComment && comment.state !== 'withdrawn' && comment.state !== 'hidden'
              ? html`<button
                    type="button"
                    class="edit"
                    @click=${() => {
                      this.editing = comment.id
                      this.focusAfterRender(`#edit-${comment.id}`)
                    }}
                  >
                    Edit
                  </button>
                  <button type="button" @click=${() => void this.act(comment, 'withdraw')}>Withdraw</button>`
              : nothing
          }
          ${
            this.signedIn && !comment.mine && comment.state === 'published'
              ? html`<details>
                  <summary>Flag</summary>
                  <form @submit=${(e: SubmitEvent) => void this.act(comment, 'flag', e)}>
                    <label for="flag-${comment.id}">What is wrong with it?</label>
                    <input type="text" id="flag-${comment.id}" name="reason" required />
                    <div class="actions"><button type="submit">Send to the editors</button></div>
                  </form>
                </details>`
              : nothing
          }
        </div>
        ${this.replyTo === comment.id ? this.composer(comment.id) : nothing}
      </article>
      ${
        replies.length
          ? html`<ol class="replies">
              ${replies.map((r) => this.item(r))}
            </ol>`
          : nothing
      }
    </li>`
  }

  override render() {
    const topLevel = this.comments.filter(
      (c) => c.parentId === null || !this.comments.some((p) => p.id === c.parentId),
    )
    return html`<header>
        <h2 tabindex="-1">${this.blockKey === null ? 'General discussion' : `Comments on ${this.label}`}</h2>
        <button type="button" @click=${() => this.close()} aria-label="Close the comments">Close</button>
      </header>
      <div role="status" aria-live="polite" class="visually-hidden">${this.announcement}</div>
      ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
      ${this.loading && this.comments.length === 0 ? html`<p>Loading…</p>` : nothing}
      ${!this.loading && this.comments.length === 0 ? html`<p>No comments yet.</p>` : nothing}
      <ol>
        ${topLevel.map((c) => this.item(c))}
      </ol>
      ${this.next ? html`<button type="button" @click=${() => void this.load(true)}>Later comments</button>` : nothing}
      ${
        this.mayComment
          ? this.composer(null)
          : this.signedIn
            ? html`<p>You cannot comment on this edition now.</p>`
            : html`<p>
                <a href="/sign-in?next=${encodeURIComponent(location.pathname)}">Sign in to comment</a>.
              </p>`
      }`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gloss-thread': GlossThread
  }
}
