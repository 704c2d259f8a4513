import { LitElement, css, html, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { CommentView } from '../api.ts'
import { focusRing } from './shared-styles.ts'
import { redlineStyles, redlineWords } from './gloss-redline.ts'
import { msg, textLanguage } from '../messages.ts'

/**
 * Where a comment carried from an earlier edition was written, folded; opened, the wording's changes
 * since, struck through and underlined.
 */
@customElement('gloss-written-on')
export class GlossWrittenOn extends LitElement {
  static override styles = [
    focusRing,
    ...redlineStyles,
    css`
      :host {
        display: block;
      }
      summary {
        color: var(--gloss-muted, #555);
        cursor: pointer;
      }
    `,
  ]

  @property({ attribute: false }) origin!: NonNullable<CommentView['writtenOn']>

  override render() {
    const { edition, number, redline } = this.origin
    return html`<details>
      <summary>${msg('writtenOn.where', { edition, number })}</summary>
      ${
        redline
          ? html`<p class="redline" dir="auto" lang=${textLanguage()}>${redlineWords(redline)}</p>`
          : nothing
      }
    </details>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gloss-written-on': GlossWrittenOn
  }
}
