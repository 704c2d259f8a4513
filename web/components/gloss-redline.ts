import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { RedlinePart } from '../../src/lineage/redline.ts'
import { trimRedline } from '../../src/lineage/redline-trim.ts'
import { textLanguage } from '../messages.ts'

/**
 * A paragraph's words against a new wording: words taken out struck through, words put in underlined
 * (not colour alone), under a heading that says what the change is. A suggestion's wording, or the
 * composer's preview of it.
 */
@customElement('gloss-redline')
export class GlossRedline extends LitElement {
  static override styles = css`
    :host {
      display: block;
      margin: 0.4rem 0;
      padding: 0.4rem 0.6rem;
      border-left: 3px solid var(--gloss-accent, #1d5b8f);
      background: var(--gloss-tint, #eef3f8);
      border-radius: 0 4px 4px 0;
      overflow-wrap: anywhere;
    }
    .label {
      display: block;
      font-size: 0.8rem;
      font-weight: 600;
      color: var(--gloss-muted, #4a4a4a);
    }
    p {
      margin: 0.2rem 0 0;
    }
    del {
      text-decoration: line-through;
      background: var(--gloss-del, #fde2e1);
      color: inherit;
    }
    ins {
      text-decoration: underline;
      background: var(--gloss-ins, #dff3e4);
      color: inherit;
    }
    /* A word struck out and its replacement read as two words, not one (on the side the text runs to). */
    del + ins {
      margin-inline-start: 0.2em;
    }
  `

  @property({ attribute: false }) parts: readonly RedlinePart[] = []
  @property() label = ''
  /** Leave out unchanged words far from the changes, so a small change in a long paragraph stands out. */
  @property({ type: Boolean }) trim = false

  override render() {
    return html`<span class="label">${this.label}</span>
      <p dir="auto" lang=${textLanguage()}>
        ${(this.trim ? trimRedline(this.parts) : this.parts).map((part) =>
          part.change === 'del'
            ? html`<del>${part.text}</del>`
            : part.change === 'ins'
              ? html`<ins>${part.text}</ins>`
              : part.text,
        )}
      </p>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gloss-redline': GlossRedline
  }
}
