import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { HIDE_REASONS, type HideReason } from '../../src/kernel/words.ts'
import { glossEvent } from '../events.ts'
import { boxSizing, controls, disclosure, fields, focusRing } from './shared-styles.ts'
import { msg } from '../messages.ts'
import { answered, filledIn, missingWords } from './field-words.ts'

const isReason = (value: unknown): value is HideReason =>
  typeof value === 'string' && (HIDE_REASONS as readonly string[]).includes(value)

/**
 * Hide: an editor takes a published comment off the page for everyone but its author and the editors,
 * after the fact (post-moderation), with a reason code and words the public moderation log shows. A
 * summary like the buttons beside it opens the small form, as Flag's does; the thread stores it. Only a
 * viewer the server says may moderate the guide is offered it, and the server checks again.
 *
 * @fires gloss-comment-hide - the form sent; detail `{ commentId, reasonCode, reason }`
 */
@customElement('gloss-hide-form')
export class GlossHideForm extends LitElement {
  /** Focusing the element focuses its summary: the thread puts the focus back here after a restore. */
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true }

  static override styles = [
    boxSizing,
    focusRing,
    controls,
    fields,
    disclosure,
    css`
      .hint {
        margin: 0.2rem 0 0.4rem;
        font-size: 0.9rem;
      }
    `,
  ]

  @property() commentId = ''
  /** Whether the form is showing; reflected, so the row it sits in makes room for it. */
  @property({ type: Boolean, reflect: true }) open = false

  private send(event: SubmitEvent) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    if (!filledIn(form)) return
    const data = new FormData(form)
    const reasonCode = data.get('reasonCode')
    const reason = data.get('reason')
    // The select is required, so the browser asks for a reason before this runs.
    if (!isReason(reasonCode)) return
    this.dispatchEvent(
      glossEvent('gloss-comment-hide', {
        commentId: this.commentId,
        reasonCode,
        reason: typeof reason === 'string' ? reason : '',
      }),
    )
  }

  override render() {
    const id = `hide-${this.commentId}`
    return html`<details
      ?open=${this.open}
      @toggle=${(e: Event) => (this.open = (e.target as HTMLDetailsElement).open)}
    >
      <summary>${msg('hideForm.hide')}</summary>
      <form @submit=${(e: SubmitEvent) => this.send(e)} @invalid=${missingWords} @input=${answered}>
        <label for="${id}-code">${msg('hideForm.reason')}</label>
        <select id="${id}-code" name="reasonCode" required data-missing="field.hideReasonCode">
          <option value="">${msg('hideForm.choose')}</option>
          ${HIDE_REASONS.map((code) => html`<option value=${code}>${msg(`hideReason.${code}`)}</option>`)}
        </select>
        <label for="${id}-why">${msg('hideForm.why')}</label>
        <p class="hint" id="${id}-hint">${msg('hideForm.whyHint')}</p>
        <input
          type="text"
          id="${id}-why"
          name="reason"
          required
          data-missing="field.hideReason"
          aria-describedby="${id}-hint"
        />
        <div class="actions"><button type="submit">${msg('hideForm.send')}</button></div>
      </form>
    </details>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gloss-hide-form': GlossHideForm
  }
}
