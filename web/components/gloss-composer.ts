import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { redlineParts } from '../../src/lineage/redline.ts'
import './gloss-redline.ts'
import { glossEvent, type CommentChanges, type CommentDraft } from '../events.ts'
import type { CommentView } from '../api.ts'
import { COMMENT_KINDS } from '../../src/kernel/words.ts'
import { boxSizing, controls, fields, focusRing, visuallyHidden } from './shared-styles.ts'
import { msg, textLanguage } from '../messages.ts'
import { answered, filledIn, missingWords } from './field-words.ts'

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
  /** The comment an edit changes: what its fields start from, and what is sent is only what differs. */
  @property({ attribute: false }) editing: CommentView | undefined
  /** The paragraph's text: where suggested wording starts when no words are quoted, and what it is previewed against. */
  @property() paragraph = ''

  /** What "may be published" starts as (the guide's choice), and the organisation offered (the profile's). */
  @property({ type: Boolean }) publishByDefault = true
  @property() organisation = ''
  /** The guide's slug: the consent fields lead to its privacy notice. */
  @property() slug = ''
  /** A reply under a comment kept for the editors: kept too, so it offers no choice. */
  @property({ type: Boolean }) parentKept = false

  /** The kind chosen, so that a suggestion's own field shows while it is the one. */
  @state() private kind = 'comment'
  /** The suggested wording as typed; undefined until the reader changes what it starts from. */
  @state() private proposal: string | undefined
  /** Between pressing Post and the server's answer: the button says so, and a second press sends nothing. */
  @state() private posting = false

  /** New words quoted, or another paragraph: the suggested wording starts again from them. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('quote') || changed.has('paragraph')) this.proposal = undefined
  }

  /** What suggested wording starts from: the words quoted, else the whole paragraph. */
  private get startingWording(): string {
    return this.quote.trim() || this.paragraph
  }

  /** The paragraph as it would read with the suggested wording in place, against how it reads now. */
  private preview(wording: string) {
    const quote = this.quote.trim()
    const at = quote ? this.paragraph.indexOf(quote) : -1
    const after = !quote
      ? wording
      : at < 0
        ? this.paragraph
        : this.paragraph.slice(0, at) + wording + this.paragraph.slice(at + quote.length)
    return redlineParts(this.paragraph, after)
  }

  /** The idempotency key of a submission not yet stored, kept so its retry cannot post twice. */
  private key: string | undefined

  /** Puts the focus in the text box, where the reader writes. */
  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('textarea')?.focus(options)
  }

  private submit(event: SubmitEvent) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    if (!filledIn(form)) return
    const data = new FormData(form)
    if (this.mode === 'edit') {
      const changes = this.changes(data)
      // Nothing changed is nothing to store: the form closes as Cancel closes it.
      this.dispatchEvent(
        Object.keys(changes).length === 0
          ? glossEvent('gloss-edit-cancel', { commentId: this.commentId })
          : glossEvent('gloss-edit-save', { commentId: this.commentId, changes }),
      )
      return
    }
    if (this.posting) return
    this.key ??= crypto.randomUUID()
    const draft: CommentDraft = {
      kind: field(data, 'kind', 'comment') as CommentDraft['kind'],
      body: field(data, 'body', ''),
      quote: field(data, 'quote', '').trim(),
      parentId: this.mode === 'reply' ? this.commentId : null,
      ...(this.kind === 'suggestion' && this.mode !== 'reply'
        ? { proposal: field(data, 'proposal', '') }
        : {}),
      // A reply under a comment kept for the editors leaves both to the server, which keeps it too.
      ...(this.mode === 'reply' && this.parentKept
        ? {}
        : {
            public: field(data, 'public', 'yes') === 'yes',
            onBehalfOf: field(data, 'onBehalfOf', '').trim(),
          }),
      idempotencyKey: this.key,
    }
    const settle = (outcome: 'stored' | 'refused' | 'failed') => {
      this.posting = false
      if (outcome !== 'failed') this.key = undefined
      if (outcome === 'stored') {
        form.reset()
        this.kind = 'comment'
        this.proposal = undefined
      }
    }
    this.posting = true
    this.dispatchEvent(glossEvent('gloss-comment-submit', { draft, settle }))
  }

  /** What the edit form changes of the comment, and nothing it leaves as it was. */
  private changes(data: FormData): CommentChanges {
    const was = this.editing
    const body = field(data, 'body', '')
    const changes: CommentChanges = {}
    if (!was || body !== was.body) changes.body = body
    if (!was) return changes
    const proposal = data.get('proposal')
    if (typeof proposal === 'string' && proposal !== (was.proposal ?? '')) changes.proposal = proposal
    const publicChoice = data.get('public')
    if (typeof publicChoice === 'string' && (publicChoice === 'yes') !== was.public)
      changes.public = publicChoice === 'yes'
    const onBehalfOf = data.get('onBehalfOf')
    if (typeof onBehalfOf === 'string' && onBehalfOf.trim() !== (was.onBehalfOf ?? ''))
      changes.onBehalfOf = onBehalfOf.trim()
    return changes
  }

  /**
   * The suggested wording, starting from the words quoted (or the paragraph), and a live redline of the
   * paragraph with it in place, announced politely as it changes.
   */
  private suggestionFields(id: string) {
    const wording = this.proposal ?? this.editing?.proposal ?? this.startingWording
    return html`<label for="proposal-${id}"
        >${this.quote.trim() ? msg('composer.wordingForQuote') : msg('composer.wordingForParagraph')}</label
      >
      <p class="hint" id="proposal-hint-${id}">${msg('composer.wordingHint')}</p>
      <textarea
        id="proposal-${id}"
        name="proposal"
        lang=${textLanguage()}
        dir="auto"
        required
        data-missing="field.proposalEmpty"
        maxlength="10000"
        aria-describedby="proposal-hint-${id}"
        .value=${wording}
        @input=${(event: InputEvent) => {
          this.proposal = (event.target as HTMLTextAreaElement).value
        }}
      ></textarea>
      ${
        this.paragraph
          ? html`<gloss-redline
              role="status"
              aria-live="polite"
              label=${msg('composer.preview')}
              .parts=${this.preview(wording)}
            ></gloss-redline>`
          : nothing
      }`
  }

  /** Who may read the comment, and whom it speaks for, as the page's own form asks (comment-forms.tsx). */
  private consentFields(id: string) {
    return html`${
        this.slug
          ? html`<p class="hint">
              <a href="/g/${encodeURIComponent(this.slug)}/privacy">${msg('composer.privacy')}</a>
            </p>`
          : nothing
      }
      <fieldset class="kinds">
        <legend>${msg('composer.whoMayRead')}</legend>
        <p class="hint" id="public-hint-${id}">${msg('composer.publicHint')}</p>
        <div class="kind">
          <label
            ><input
              type="radio"
              name="public"
              value="yes"
              ?checked=${this.publishByDefault}
              aria-describedby="public-hint-${id}"
            />
            ${msg('composer.mayPublish')}</label
          >
        </div>
        <div class="kind">
          <label
            ><input
              type="radio"
              name="public"
              value="no"
              ?checked=${!this.publishByDefault}
              aria-describedby="public-hint-${id}"
            />
            ${msg('composer.editorsOnly')}</label
          >
        </div>
      </fieldset>
      <label for="on-behalf-${id}">${msg('composer.onBehalf')}</label>
      <p class="hint" id="on-behalf-hint-${id}">${msg('composer.onBehalfHint')}</p>
      <input
        type="text"
        id="on-behalf-${id}"
        name="onBehalfOf"
        maxlength="200"
        .value=${this.organisation}
        aria-describedby="on-behalf-hint-${id}"
      />`
  }

  override render() {
    if (this.mode === 'edit')
      return html`<form
        @submit=${(e: SubmitEvent) => this.submit(e)}
        @invalid=${missingWords}
        @input=${answered}
      >
        ${this.editing?.kind === 'suggestion' && this.editing.proposal !== null ? this.suggestionFields(`edit-${this.commentId}`) : nothing}
        <label for="edit-${this.commentId}">${msg('composer.editLabel')}</label>
        <textarea
          id="edit-${this.commentId}"
          name="body"
          required
          data-missing="field.commentEmpty"
          .value=${this.body}
        ></textarea>
        ${this.editing && !this.parentKept ? this.consentFields(`edit-${this.commentId}`) : nothing}
        <div class="actions">
          <button class="primary" type="submit">${msg('composer.save')}</button
          ><button
            type="button"
            @click=${() => this.dispatchEvent(glossEvent('gloss-edit-cancel', { commentId: this.commentId }))}
          >
            ${msg('composer.cancel')}
          </button>
        </div>
      </form>`
    const id = this.mode === 'reply' ? this.commentId : 'new'
    const post = this.mode === 'reply' ? msg('composer.postReply') : msg('composer.post')
    // A reply answers the comment above it: the kind is chosen once, for the thread's new comments.
    return html`<form
      @submit=${(e: SubmitEvent) => this.submit(e)}
      @invalid=${missingWords}
      @input=${answered}
    >
      ${
        this.mode === 'reply'
          ? nothing
          : html`<fieldset class="kinds">
              <legend>${msg('composer.kinds')}</legend>
              ${COMMENT_KINDS.map(
                (value, i) =>
                  html`<div class="kind">
                    <label
                      ><input
                        type="radio"
                        name="kind"
                        value=${value}
                        ?checked=${i === 0}
                        aria-describedby="hint-${value}"
                        @change=${() => {
                          this.kind = value
                        }}
                      />
                      ${msg('commentKind.label', { kind: value })}</label
                    >
                    <span class="hint" id="hint-${value}">${msg('commentKind.hint', { kind: value })}</span>
                  </div>`,
              )}
            </fieldset>`
      }
      ${
        this.quoting
          ? html`<label for="quote-${id}">${msg('composer.quoteLabel')}</label>
              <p class="hint" id="quote-hint-${id}">${msg('composer.quoteHint')}</p>
              <input
                type="text"
                id="quote-${id}"
                name="quote"
                lang=${textLanguage()}
                dir="auto"
                .value=${this.quote}
                aria-describedby="quote-hint-${id}"
              />`
          : nothing
      }
      ${this.mode !== 'reply' && this.kind === 'suggestion' ? this.suggestionFields(id) : nothing}
      <label for="body-${id}"
        >${
          this.mode === 'reply'
            ? msg('composer.yourReply')
            : this.kind === 'suggestion'
              ? msg('composer.whyWording')
              : msg('composer.yourComment')
        }</label
      >
      <textarea
        id="body-${id}"
        name="body"
        required
        data-missing="field.commentEmpty"
        maxlength="10000"
      ></textarea>
      ${
        this.mode === 'reply' && this.parentKept
          ? html`<p class="hint">${msg('composer.replyKept')}</p>`
          : this.consentFields(id)
      }
      <div class="actions">
        <button class="primary" type="submit" aria-disabled=${this.posting ? 'true' : 'false'}>
          ${this.posting ? msg('composer.posting') : post}
        </button>
      </div>
    </form>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gloss-composer': GlossComposer
  }
}
