import { LitElement, html, nothing } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import { msg } from '../messages.ts'

/**
 * The header's count of the signed-in person's unread notices, kept current by their personal stream
 * (`/api/me/notifications/events`). The header itself is the same for everyone, so pages stay
 * cacheable; the count only ever comes over that personal, uncached stream. For the public the stream
 * answers 401 and the element shows nothing.
 */
@customElement('gloss-notice-count')
export class GlossNoticeCount extends LitElement {
  @state() private unread = 0
  private stream: EventSource | undefined

  // In the link's own text, so the link reads "Notices, 3 unread" and takes the page's styles.
  protected override createRenderRoot() {
    return this
  }

  override connectedCallback(): void {
    super.connectedCallback()
    const stream = new EventSource('/api/me/notifications/events')
    this.stream = stream
    stream.addEventListener('open', () => {
      document.documentElement.dataset.notices = 'open'
    })
    stream.addEventListener('unread', (event) => {
      const { unread } = JSON.parse((event as MessageEvent<string>).data) as { unread: number }
      this.unread = unread
    })
    // Refused (signed out) the browser gives up on its own; a session that ended says so first.
    stream.addEventListener('reconnect', () => {
      this.unread = 0
    })
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.stream?.close()
  }

  override render() {
    return this.unread > 0
      ? html`<span class="notice-count">${this.unread}</span
          ><span class="visually-hidden"> ${msg('noticeCount.unread', { count: this.unread })}</span>`
      : nothing
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gloss-notice-count': GlossNoticeCount
  }
}
