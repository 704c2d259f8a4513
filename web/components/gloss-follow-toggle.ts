import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { glossEvent } from '../events.ts'
import { msg } from '../messages.ts'
import { followState, setFollowing } from '../follow-api.ts'
import { boxSizing, controls, focusRing, problem } from './shared-styles.ts'

/**
 * Follow: one button, pressed while the signed-in reader follows the paragraph (the guide, for the
 * general discussion), so they are told when it changes in a new edition or someone replies. Its state
 * is asked of the server each time the place changes (it is the reader's own, so no page carries it);
 * until the answer comes the button is not shown, so it never says the wrong thing. Beside the button a
 * line says in words what its colour shows (you follow it, or no longer do), and a press that was not
 * saved says so rather than leaving the button as it was without a word. The thread's own live region
 * announces the change, so this line is not a live region too.
 *
 * @fires gloss-follow-changed - the reader's follow stored; detail `{ blockKey, following }`
 */
@customElement('gloss-follow-toggle')
export class GlossFollowToggle extends LitElement {
  static override styles = [
    boxSizing,
    focusRing,
    controls,
    problem,
    css`
      :host {
        display: inline-block;
      }
      /* On, it reads as chosen, not as a call to act: a tint and a tick (hidden from screen readers,
         which hear "pressed"), never the filled look of a button still to press. */
      button[aria-pressed='true'] {
        background: var(--gloss-tint, #eef3f8);
        border-width: 2px;
        padding-inline-start: 0.6rem;
      }
      button[aria-pressed='true']::before {
        content: '✓ ' / '';
        font-weight: bold;
      }
      .said {
        display: block;
        margin-top: 0.35rem;
        font-size: 0.9em;
      }
    `,
  ]

  @property() slug = ''
  /** The paragraph's key, or null for the guide (its general discussion). */
  @property({ attribute: false }) blockKey: string | null = null

  @state() private following: boolean | undefined
  @state() private busy = false
  /** What the last press did here: stopped following, or was not saved; cleared when the place changes. */
  @state() private said: 'stopped' | 'failed' | undefined
  /** Asks made, so that only the newest place's answer is shown. */
  private asks = 0

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('slug') || changed.has('blockKey')) {
      this.following = undefined
      this.said = undefined
    }
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

  /**
   * The reader now follows the place without pressing the button (posting in its thread does that, on
   * the server): the button says so at once, and an answer to an earlier ask no longer counts.
   */
  followed(): void {
    this.asks++
    this.following = true
    this.said = undefined
  }

  private async toggle() {
    if (this.following === undefined || this.busy) return
    const blockKey = this.blockKey
    this.busy = true
    try {
      const { following } = await setFollowing(this.slug, blockKey, !this.following)
      if (blockKey !== this.blockKey) return
      this.following = following
      this.said = following ? undefined : 'stopped'
      this.dispatchEvent(glossEvent('gloss-follow-changed', { blockKey, following }))
    } catch {
      if (blockKey === this.blockKey) this.said = 'failed'
    } finally {
      this.busy = false
    }
  }

  override render() {
    if (this.following === undefined) return nothing
    const what = this.blockKey === null ? 'guide' : 'paragraph'
    return html`<button
        type="button"
        aria-pressed=${this.following ? 'true' : 'false'}
        aria-disabled=${this.busy ? 'true' : 'false'}
        @click=${() => void this.toggle()}
      >
        ${msg('follow.toggle', { what })}</button
      >${
        this.said === 'failed'
          ? html`<span class="said error" role="alert">${msg('follow.failed')}</span>`
          : this.following
            ? html`<span class="said">${msg('follow.now', { what })}</span>`
            : this.said === 'stopped'
              ? html`<span class="said">${msg('follow.stopped', { what })}</span>`
              : nothing
      }`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gloss-follow-toggle': GlossFollowToggle
  }
}
