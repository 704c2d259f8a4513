import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { glossEvent } from '../events.ts'
import { msg } from '../messages.ts'
import { followState, setFollowing } from '../follow-api.ts'
import { boxSizing, controls, focusRing } from './shared-styles.ts'

/**
 * Follow: one button, pressed while the signed-in reader follows the paragraph (the guide, for the
 * general discussion), so they are told when it changes in a new edition or someone replies. Its state
 * is asked of the server each time the place changes (it is the reader's own, so no page carries it);
 * until the answer comes the button is not shown, so it never says the wrong thing.
 *
 * @fires gloss-follow-changed - the reader's follow stored; detail `{ blockKey, following }`
 */
@customElement('gloss-follow-toggle')
export class GlossFollowToggle extends LitElement {
  static override styles = [
    boxSizing,
    focusRing,
    controls,
    css`
      :host {
        display: inline-block;
      }
      button[aria-pressed='true'] {
        background: var(--gloss-accent, #1d5b8f);
        color: var(--gloss-accent-ink, #fff);
      }
    `,
  ]

  @property() slug = ''
  /** The paragraph's key, or null for the guide (its general discussion). */
  @property({ attribute: false }) blockKey: string | null = null

  @state() private following: boolean | undefined
  @state() private busy = false
  /** Asks made, so that only the newest place's answer is shown. */
  private asks = 0

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('slug') || changed.has('blockKey')) this.following = undefined
  }

  protected override updated(changed: PropertyValues<this>): void {
    if ((changed.has('slug') || changed.has('blockKey')) && this.slug) void this.ask()
  }

  private async ask() {
    const ask = ++this.asks
    try {
      const { following } = await followState(this.slug, this.blockKey)
      if (ask === this.asks) this.following = following
    } catch {
      // A place the reader may not follow (or a failed ask) shows no button rather than a wrong one.
      if (ask === this.asks) this.following = undefined
    }
  }

  private async toggle() {
    if (this.following === undefined || this.busy) return
    const blockKey = this.blockKey
    this.busy = true
    try {
      const { following } = await setFollowing(this.slug, blockKey, !this.following)
      if (blockKey !== this.blockKey) return
      this.following = following
      this.dispatchEvent(glossEvent('gloss-follow-changed', { blockKey, following }))
    } finally {
      this.busy = false
    }
  }

  override render() {
    if (this.following === undefined) return nothing
    return html`<button
      type="button"
      aria-pressed=${this.following ? 'true' : 'false'}
      aria-disabled=${this.busy ? 'true' : 'false'}
      @click=${() => void this.toggle()}
    >
      ${msg('follow.toggle', { what: this.blockKey === null ? 'guide' : 'paragraph' })}
    </button>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gloss-follow-toggle': GlossFollowToggle
  }
}
