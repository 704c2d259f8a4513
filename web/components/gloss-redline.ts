import { LitElement, css, html } from 'lit'
import { customElement, property } from 'lit/decorators.js'
import type { RedlinePart } from '../../src/lineage/redline.ts'
import { trimRedline } from '../../src/lineage/redline-trim.ts'
import { language, msg, textLanguage } from '../messages.ts'
import { visuallyHidden } from './shared-styles.ts'

/** Words only screen readers hear, in the interface's language, around a change. */
const cue = (words: string) =>
  html`<span class="visually-hidden redline-cue" lang=${language()}>${words}</span>`

/**
 * A redline's words: taken out in `del`, put in in `ins`, each change between words only screen readers
 * hear ("[removed: …]", "[added: …]"), since not all of them say where a `del` or `ins` starts, and old
 * and new words would run together. The server's redlines say the same (src/site/redline.tsx).
 */
export const redlineWords = (parts: readonly RedlinePart[]) =>
  parts.map((part) =>
    part.change === 'del'
      ? html`${cue(` ${msg('redline.cueRemoved')} `)}<del>${part.text}</del>${cue(`${msg('redline.cueEnd')} `)}`
      : part.change === 'ins'
        ? html`${cue(` ${msg('redline.cueAdded')} `)}<ins>${part.text}</ins>${cue(`${msg('redline.cueEnd')} `)}`
        : part.text,
  )

/** The styles of a redline's words, for a shadow root that shows them. */
export const redlineStyles = [
  visuallyHidden,
  css`
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
    del + .redline-cue + .redline-cue + ins {
      margin-inline-start: 0.2em;
    }
  `,
]

/**
 * A paragraph's words against a new wording: words taken out struck through, words put in underlined
 * (not colour alone), under a heading that says what the change is. A suggestion's wording, or the
 * composer's preview of it.
 */
@customElement('gloss-redline')
export class GlossRedline extends LitElement {
  static override styles = [
    ...redlineStyles,
    css`
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
    `,
  ]

  @property({ attribute: false }) parts: readonly RedlinePart[] = []
  @property() label = ''
  /** Leave out unchanged words far from the changes, so a small change in a long paragraph stands out. */
  @property({ type: Boolean }) trim = false

  override render() {
    return html`<span class="label">${this.label}</span>
      <p dir="auto" lang=${textLanguage()}>
        ${redlineWords(this.trim ? trimRedline(this.parts) : this.parts)}
      </p>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gloss-redline': GlossRedline
  }
}
