import { msg } from '../messages.ts'
import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { glossEvent } from '../events.ts'
import { markQuotes, ownText, ownTextIn, type Highlight, type QuotedPhrase } from './quote-marks.ts'
import { visuallyHidden } from './shared-styles.ts'

/**
 * One block of a guide: the server renders its text and its margin (`<gloss-margin slot="margin">`:
 * number as permalink, thread link); this element lays the margin beside the text and adds a button
 * that copies the paragraph's permanent link. The comments button comes straight after the number, so
 * the keyboard meets one stop before it in each block and the copy button after it. Given `quotes`, it
 * highlights each quoted phrase in its text as a `<mark>` (overlapping quotes as one), which opens the
 * thread with the comments quoting it first. The marks are added here, never served, so the page as
 * served is the document's own HTML.
 *
 * @slot - the block's own content
 * @slot margin - the server-rendered margin
 * @csspart margin - the margin column
 * @fires gloss-link-copied - after the link is on the clipboard; detail `{ url }`
 * @fires gloss-open-thread - when the reader opens the block's comments; detail `{ key, label, quote, opener, first? }`
 */
@customElement('gloss-block')
export class GlossBlock extends LitElement {
  static override styles = [
    visuallyHidden,
    css`
      :host {
        display: block;
        position: relative;
      }
      [part='margin'] {
        display: flex;
        gap: 0.25rem;
        align-items: baseline;
        flex-wrap: wrap;
        font-size: 0.8rem;
      }
      /*
       * The buttons' words are the interface's (English, Welsh), whatever the guide's direction: each set
       * by its own first letter, so "1 comment" in an Arabic guide's margin does not read "comment 1".
       */
      button {
        unicode-bidi: plaintext;
        font: inherit;
        font-size: 0.75rem;
        color: var(--gloss-muted, #4a4a4a);
        background: transparent;
        border: 1px solid transparent;
        border-radius: 4px;
        padding: 0.35rem 0.5rem;
        min-height: 2rem;
        cursor: pointer;
      }
      /* "1 comment" on one line like "4 comments": a count split over two lines reads as two things. */
      button.comments {
        white-space: nowrap;
        font-weight: 600;
        color: var(--gloss-accent, #1d5b8f);
        border-color: var(--gloss-rule, #ccc);
        min-height: 2.75rem;
        min-width: 2.75rem;
      }
      /* A paragraph nobody has commented on yet keeps a quiet button, so the ones with comments stand out. */
      :host([count='0']:not([expanded])) button.comments {
        font-weight: 400;
        color: var(--gloss-muted, #4a4a4a);
        border-color: transparent;
      }
      :host([expanded]) button.comments {
        background: var(--gloss-tint, #eef3f8);
      }
      button:hover {
        border-color: currentColor;
      }
      button:focus-visible {
        outline: 3px solid var(--gloss-focus, #ffbf47);
        outline-offset: 1px;
        box-shadow: 0 0 0 1px var(--gloss-ink, #1b1b1f);
      }
      @media (min-width: 64rem) {
        /*
         * In the rail the number and the comments button share one line, so a margin is never taller
         * than a short heading and never runs into the next block's. Copying the link shows under them
         * when the block is hovered or the button has the keyboard's focus, taking no room otherwise.
         */
        [part='margin'] {
          position: absolute;
          inset-inline-start: -9.5rem;
          width: 8.5rem;
          top: 0.1rem;
          flex-wrap: nowrap;
          align-items: center;
          justify-content: flex-end;
          text-align: end;
        }
        /* Logical sides throughout: the margin takes the direction of the guide's text (render()). */
        button.copy {
          position: absolute;
          top: 100%;
          inset-inline-end: 0;
          opacity: 0;
        }
        :host(:hover) button.copy,
        button.copy:focus-visible {
          opacity: 1;
        }
      }
      @media (min-width: 64rem) and (pointer: fine) {
        button.comments {
          min-height: 2rem;
        }
      }
      @media print {
        button {
          display: none;
        }
      }
    `,
  ]

  @state() private copied = false
  /** Published comments on this block; undefined until counts arrive or where the edition takes none. */
  @property({ type: Number, reflect: true }) count: number | undefined = undefined
  @property({ type: Boolean, reflect: true }) expanded = false
  /** Whether the block is a heading: on a narrow screen its margin follows it, so a title reads first. */
  @property({ type: Boolean, reflect: true }) heading = false
  /** The phrases of this block that published comments quote, with those comments; marked once given. */
  @property({ attribute: false }) quotes: QuotedPhrase[] = []
  private marked = false

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('quotes') || this.marked || this.quotes.length === 0) return
    this.marked = true
    markQuotes(this, this.quotes, this.notOwn, (marks, highlight) => this.offer(marks, highlight))
  }

  /**
   * Text that is not the block's own words: its margin, an open thread, a nested block, and a footnote
   * call's number, which the paragraph's text (as stored, quoted and suggested against) does not hold.
   */
  private readonly notOwn = (node: Node): boolean =>
    node.parentElement?.closest('gloss-margin, gloss-thread, gloss-block') !== this ||
    node.parentElement.closest('[data-footnote-ref]') !== null

  /** A highlight opens the thread with the comments quoting it first; its first mark takes the keyboard. */
  private offer(marks: HTMLElement[], highlight: Highlight) {
    const [first] = marks
    if (!first) return
    const n = highlight.commentIds.length
    const words = marks.map((m) => m.textContent).join('')
    first.tabIndex = 0
    first.setAttribute('role', 'button')
    first.setAttribute('aria-label', msg('block.quotedBy', { words, count: n }))
    const open = () =>
      this.dispatchEvent(
        glossEvent('gloss-open-thread', {
          key: this.key,
          label: this.label,
          quote: '',
          opener: first,
          first: highlight.commentIds,
        }),
      )
    for (const mark of marks) {
      mark.classList.add('quoted')
      mark.addEventListener('click', open)
    }
    first.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return
      event.preventDefault()
      open()
    })
  }

  /** How many comments there are, in words; a block without any says "Comment" instead of "0 comments". */
  private get countWords(): string {
    return msg('block.comments', { count: this.count ?? 0 })
  }

  override connectedCallback() {
    super.connectedCallback()
    this.heading = this.querySelector(':scope > :is(h1, h2, h3, h4, h5, h6)') !== null
  }

  /** The block's key: its own id, or its list item's. */
  get key(): string {
    return this.id || this.closest('li')?.id || ''
  }

  /** The block's number, as its permalink shows it ("2.1"). */
  private get number(): string {
    return this.querySelector(':scope > gloss-margin a.permalink')?.textContent ?? ''
  }

  private get label(): string {
    return msg('block.paragraph', { number: this.number })
  }

  /** The block's own words, without its margin, as a suggestion starts from them. */
  get ownText(): string {
    // A row of the side-by-side page holds the paragraph in two texts: its words are the shown text's
    // (the first), as on the page of that text alone, so a quote or a suggestion is read against them.
    const shown = this.querySelector(':scope .parallel-pair > .parallel-text')
    return ownText(shown ?? this, this.notOwn)
  }

  /** The block's own words the reader selected, to quote: a footnote call's number is not among them. */
  selectedWords(): string {
    const selection = window.getSelection()
    if (!selection || selection.isCollapsed || !selection.anchorNode || !this.contains(selection.anchorNode))
      return ''
    const shown = this.querySelector(':scope .parallel-pair > .parallel-text')
    return ownTextIn(shown ?? this, this.notOwn, selection.getRangeAt(0)).slice(0, 2000)
  }

  private quoteAtPress = ''

  private openThread(opener: HTMLElement) {
    this.dispatchEvent(
      glossEvent('gloss-open-thread', {
        key: this.key,
        label: this.label,
        quote: this.quoteAtPress || this.selectedWords(),
        opener,
      }),
    )
    this.quoteAtPress = ''
  }

  /** Opens the block's comments quoting `words`, as its Quote button does; focus comes back to its comments button. */
  quote(words: string): void {
    const button = this.renderRoot.querySelector<HTMLElement>('button.comments')
    if (!button) return
    this.dispatchEvent(
      glossEvent('gloss-open-thread', { key: this.key, label: this.label, quote: words, opener: button }),
    )
  }

  private get permalink(): string | undefined {
    const anchor = this.querySelector<HTMLAnchorElement>(':scope > gloss-margin a.permalink')
    return anchor?.href
  }

  override render() {
    const label = this.querySelector(':scope > gloss-margin a.permalink')?.textContent ?? ''
    // The block's own direction is its text's (dir="auto"); its margin keeps the guide's, which the
    // server gave the margin (page-html.ts), so it stands in the guide's rail like every other.
    const side = this.querySelector(':scope > gloss-margin')?.getAttribute('dir') ?? undefined
    return html`<div part="margin" dir=${side ?? nothing}>
        <slot name="margin"></slot>
        ${
          this.count === undefined
            ? null
            : html`<button
                type="button"
                class="comments"
                aria-expanded=${this.expanded ? 'true' : 'false'}
                aria-label=${
                  this.count === 0
                    ? msg('block.commentOn', { number: this.number })
                    : msg('block.commentsOn', { count: this.count, number: this.number })
                }
                @pointerdown=${() => (this.quoteAtPress = this.selectedWords())}
                @click=${(e: Event) => this.openThread(e.currentTarget as HTMLElement)}
              >
                <span aria-hidden="true">${this.count === 0 ? msg('block.comment') : this.countWords}</span>
              </button>`
        }
        ${
          this.permalink
            ? html`<button
                type="button"
                class="copy"
                @click=${() => void this.copy()}
                aria-label=${msg('block.copyLinkLabel', { number: label })}
              >
                ${this.copied ? msg('block.copied') : msg('block.copyLink')}
              </button>`
            : null
        }
        <span role="status" class="visually-hidden">${this.copied ? msg('block.linkCopied') : ''}</span>
      </div>
      <slot></slot>`
  }

  private async copy() {
    const url = this.permalink
    if (!url) return
    try {
      await navigator.clipboard.writeText(url)
    } catch {
      // Without clipboard permission, leave the link selectable in the address bar instead.
      window.location.hash = this.id
    }
    this.copied = true
    this.dispatchEvent(glossEvent('gloss-link-copied', { url }))
    setTimeout(() => (this.copied = false), 2000)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gloss-block': GlossBlock
  }
}
