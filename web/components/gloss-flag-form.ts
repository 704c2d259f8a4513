import { LitElement, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import { glossEvent } from '../events.ts'
import { boxSizing, controls, disclosure, fields, focusRing } from './shared-styles.ts'
import { msg } from '../messages.ts'
import { answered, filledIn, missingWords } from './field-words.ts'

/**
 * Flag: sends someone else's comment to the editors with what is wrong with it. A summary that looks
 * like the buttons beside it opens the small form; it stays open after sending, while the thread
 * thanks the reader.
 *
 * @fires gloss-comment-flag - the form sent; detail `{ commentId, reason }`
 */
@customElement('gloss-flag-form')
export class GlossFlagForm extends LitElement {
  static override styles = [boxSizing, focusRing, controls, fields, disclosure]

  @property() commentId = ''
  /** Whether the form is showing; reflected, so the row it sits in makes room for it. */
  @property({ type: Boolean, reflect: true }) open = false

  private send(event: SubmitEvent) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    if (!filledIn(form)) return
    const reason = new FormData(form).get('reason')
    this.dispatchEvent(
      glossEvent('gloss-comment-flag', {
        commentId: this.commentId,
        reason: typeof reason === 'string' ? reason : '',
      }),
    )
  }

  override render() {
    return html`<details
      ?open=${this.open}
      @toggle=${(e: Event) => (this.open = (e.target as HTMLDetailsElement).open)}
    >
      <summary>${msg('flagForm.flag')}</summary>
      <form @submit=${(e: SubmitEvent) => this.send(e)} @invalid=${missingWords} @input=${answered}>
        <label for="flag-${this.commentId}">${msg('flagForm.what')}</label>
        <input
          type="text"
          id="flag-${this.commentId}"
          name="reason"
          required
          data-missing="field.flagReason"
        />
        <div class="actions"><button type="submit">${msg('flagForm.send')}</button></div>
      </form>
    </details>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gloss-flag-form': GlossFlagForm
  }
}
