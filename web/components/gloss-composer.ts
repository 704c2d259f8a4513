import { LitElement, css, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { glossEvent, type CommentDraft } from '../events.ts'
import { KIND_HINTS, KINDS } from '../words.ts'
import { boxSizing, controls, fields, focusRing, visuallyHidden } from './shared-styles.ts'

/** A text field of a submitted form. */
const field = (data: FormData, name: string, fallback: string) => {
  const value = data.get(name)
  return typeof value === 'string' ? value : fallback
}

/**
 * The form a reader writes in: a new comment (its kind, the words it responds to, its body), a reply,
 * or a new wording of their own comment. It gathers the words; the thread stores them.
 *
 * @fires gloss-comment-submit - a new comment or reply; detail `{ draft, settle }`, where `settle` says
 *   how storing it went: stored clears the form, and only a failure on the way keeps the idempotency key
 * @fires gloss-edit-save - the new wording; detail `{ commentId, body }`
 * @fires gloss-edit-cancel - Cancel pressed while editing; detail `{ commentId }`
 */
@customElement('gloss-composer')
export class GlossComposer extends LitElement {
  static override styles = [
    boxSizing,
    focusRing,
    controls,
    fields,
    visuallyHidden,
    css`
      :host {
        display: block;
      }
      /* One kind a line, its hint beside it (under it on a phone), so the three read as a short list. */
      fieldset.kinds {
        display: grid;
        gap: 0;
      }
      .kind {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0 0.5rem;
      }
      .kind .hint {
        flex: 1 1 12rem;
        margin: 0 0 0.4rem 1.6rem;
      }
      .hint {
        color: var(--gloss-muted, #4a4a4a);
        font-size: 0.85rem;
        margin: 0 0 0.25rem;
      }
    `,
  ]

  /** What is written: a new comment, a reply to `commentId`, or a new wording of `commentId`. */
  @property() mode: 'comment' | 'reply' | 'edit' = 'comment'
  @property() commentId = ''
  /** Offers a field for the words a new comment responds to, filled with `quote`. */
  @property({ type: Boolean }) quoting = false
  @property() quote = ''
  /** The wording an edit starts from. */
  @property() body = ''

  /** The idempotency key of a submission not yet stored, kept so its retry cannot post twice. */
  private key: string | undefined

  /** Puts the focus in the text box, where the reader writes. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('textarea')?.focus(options)
  }

  private submit(event: SubmitEvent) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    if (this.mode === 'edit') {
      this.dispatchEvent(
        glossEvent('gloss-edit-save', { commentId: this.commentId, body: field(data, 'body', '') }),
      )
      return
    }
    this.key ??= crypto.randomUUID()
    const draft: CommentDraft = {
      kind: field(data, 'kind', 'comment') as CommentDraft['kind'],
      body: field(data, 'body', ''),
      quote: field(data, 'quote', '').trim(),
      parentId: this.mode === 'reply' ? this.commentId : null,
      idempotencyKey: this.key,
    }
    const settle = (outcome: 'stored' | 'refused' | 'failed') => {
      if (outcome !== 'failed') this.key = undefined
      if (outcome === 'stored') form.reset()
    }
    this.dispatchEvent(glossEvent('gloss-comment-submit', { draft, settle }))
  }

  override render() {
    if (this.mode === 'edit')
      return html`<form @submit=${(e: SubmitEvent) => this.submit(e)}>
        <label for="edit-${this.commentId}">Edit your comment</label>
        <textarea id="edit-${this.commentId}" name="body" required .value=${this.body}></textarea>
        <div class="actions">
          <button class="primary" type="submit">Save</button
          ><button
            type="button"
            @click=${() => this.dispatchEvent(glossEvent('gloss-edit-cancel', { commentId: this.commentId }))}
          >
            Cancel
          </button>
        </div>
      </form>`
    const id = this.mode === 'reply' ? this.commentId : 'new'
    // A reply answers the comment above it: the kind is chosen once, for the thread's new comments.
    return html`<form @submit=${(e: SubmitEvent) => this.submit(e)}>
      ${
        this.mode === 'reply'
          ? nothing
          : html`<fieldset class="kinds">
              <legend>Kind</legend>
              ${KINDS.map(
                ([value, label], i) =>
                  html`<div class="kind">
                    <label
                      ><input
                        type="radio"
                        name="kind"
                        value=${value}
                        ?checked=${i === 0}
                        aria-describedby="hint-${value}"
                      />
                      ${label}</label
                    >
                    <span class="hint" id="hint-${value}">${KIND_HINTS[value]}</span>
                  </div>`,
              )}
            </fieldset>`
      }
      ${
        this.quoting
          ? html`<label for="quote-${id}">Words you are responding to (optional)</label>
              <p class="hint" id="quote-hint-${id}">
                To quote the words you mean, select them in the paragraph and press Quote.
              </p>
              <input
                type="text"
                id="quote-${id}"
                name="quote"
                .value=${this.quote}
                aria-describedby="quote-hint-${id}"
              />`
          : nothing
      }
      <label for="body-${id}">${this.mode === 'reply' ? 'Your reply' : 'Your comment'}</label>
      <textarea id="body-${id}" name="body" required maxlength="10000"></textarea>
      <div class="actions">
        <button class="primary" type="submit">${this.mode === 'reply' ? 'Post reply' : 'Post'}</button>
      </div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gloss-composer': GlossComposer
  }
}
