import { LitElement, html, nothing } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { unsafeHTML } from 'lit/directives/unsafe-html.js'
import type { CommentView } from '../api.ts'
import { glossEvent } from '../events.ts'
import { language, msg, quoteLanguage, textLanguage } from '../messages.ts'
import { languageMark } from '../../src/platform/i18n/language-mark.ts'
import { wordsKept } from '../../src/comments/words-kept.ts'
import type { GlossComposer } from './gloss-composer.ts'
import './gloss-composer.ts'
import './gloss-flag-form.ts'
import './gloss-hide-form.ts'
import './gloss-written-on.ts'
import './gloss-redline.ts'
import { commentStyles } from './gloss-comment.styles.ts'

/** Settles once the comments and forms rendered in `root` have rendered in turn, however deep. */
export const innerUpdates = async (root: ParentNode): Promise<boolean> => {
  const inner = root.querySelectorAll<GlossComment | GlossComposer>('gloss-comment, gloss-composer')
  return (await Promise.all([...inner].map((element) => element.updateComplete))).every(Boolean)
}

/**
 * Whether the editors' decision on it is released: its author may then no longer change its words (the
 * server refuses, comment-change.service.ts), only withdraw it. A draft, shown to editors only, is not one.
 */
/** A control of a comment that can take the focus back: its buttons, and the forms they open. */
export type CommentControl =
  | 'reply'
  | 'edit'
  | 'reply-form'
  | 'edit-form'
  | 'withdraw'
  | 'withdraw-yes'
  | 'withdrawn'
  | 'flagged'
  | 'hide'
  | 'restore'

/**
 * One comment and, under it, its replies, each a gloss-comment of its own: who wrote it and when, its
 * words, where it was carried from, the editors' decision, and the buttons this reader may use on it.
 * Which forms are open is the thread's to say: the reply form under `replyTo`, the edit form on `editing`.
 *
 * @fires gloss-reply-toggle - Reply pressed; detail `{ commentId }`
 * @fires gloss-edit-start - Edit pressed; detail `{ commentId }`
 * @fires gloss-comment-withdraw - Withdraw pressed; detail `{ commentId }`
 * @fires gloss-comment-restore - Restore pressed on a hidden comment, by an editor; detail `{ commentId }`
 */
/** The instance's zone, which the page names on <html>: a comment's time reads as the server's pages write it. */
const shownZone = () => document.documentElement.dataset.timeZone ?? 'Europe/London'

/**
 * When a comment was written, as the server's pages write it ("3 December 2026 at 15:24 GMT", "3 Rhagfyr
 * 2026 am 15:24 GMT"), in the instance's zone. The month's name comes from the catalogue rather than
 * from Intl: Chromium carries no Welsh dates and would write "2026 M12 3 15:24 GMT+0".
 */
function writtenAt(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: shownZone(),
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(new Date(iso))
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  return msg('threadComment.writtenAt', {
    // Numbers, not the figures Intl pads when a time goes with the date ("04"), as the pages write days.
    day: String(Number(part('day'))),
    month: String(Number(part('month'))),
    year: part('year'),
    time: `${part('hour')}:${part('minute')}`,
    zone: part('timeZoneName'),
  })
}

/** What a reply written in the panel starts from, as a new comment does. */
export interface ReplyConsent {
  publishByDefault: boolean
  organisation: string
  slug: string
}

@customElement('gloss-comment')
export class GlossComment extends LitElement {
  static override styles = commentStyles

  @property({ attribute: false }) comment!: CommentView
  /** The whole thread, in which this comment finds its replies. */
  @property({ attribute: false }) comments: CommentView[] = []
  /** The paragraph's words as the page shows them, to tell which text a quote was taken from. */
  @property({ attribute: false }) paragraph = ''
  @property({ type: Boolean }) mayComment = false
  @property({ type: Boolean }) signedIn = false
  /** Whether the server says this viewer moderates the guide: Hide on published comments, Restore on hidden. */
  @property({ type: Boolean }) mayModerate = false
  /** The comment whose reply form is open and the one being edited, anywhere in the thread. */
  @property({ attribute: false }) replyTo: string | null = null
  @property({ attribute: false }) editing: string | null = null
  /** Withdrawing takes a comment's words off the page for everyone: asked once more before it is done. */
  @state() private confirmingWithdraw = false
  /** Comments this reader has flagged since the thread opened, each thanked where its Flag was. */
  @property({ attribute: false }) flagged: ReadonlySet<string> = new Set()
  /** What a reply's consent fields start with (the guide's default, the profile's organisation) and the guide. */
  @property({ attribute: false }) consent: ReplyConsent = {
    publishByDefault: true,
    organisation: '',
    slug: '',
  }

  /** The element showing comment `id`: this one, or one among its replies however deep. */
  elementFor(id: string): GlossComment | undefined {
    if (this.comment.id === id) return this
    for (const reply of this.renderRoot.querySelectorAll('gloss-comment')) {
      const found = reply.elementFor(id)
      if (found) return found
    }
    return undefined
  }

  /** Opens or closes the question before withdrawing, the keyboard's focus going to what it shows. */
  private askToWithdraw(ask: boolean): void {
    this.confirmingWithdraw = ask
    void this.updateComplete.then(() => this.focusControl(ask ? 'withdraw-yes' : 'withdraw'))
  }

  /** Puts the focus on one of this comment's controls: a form just opened, or the button of one closed. */
  focusControl(control: CommentControl): void {
    this.renderRoot.querySelector<HTMLElement>(`.${control}`)?.focus()
  }

  /** Settles once the replies and forms this comment shows have rendered too, so focus can go in them. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete()
    return (await innerUpdates(this.renderRoot)) && done
  }

  /**
   * How many agree, and, for someone taking part who did not write it, a toggle button to agree: its
   * pressed state is whether they do, read out by screen readers.
   */
  private agreement(comment: CommentView) {
    if (comment.state !== 'published') return nothing
    const count = comment.agreements
    const others = msg('threadComment.agrees', { count })
    if (!this.mayComment || comment.mine)
      return count > 0 ? html`<span class="agreements">${others}</span>` : nothing
    return html`<button
      type="button"
      class="agree"
      aria-pressed=${comment.agreed ? 'true' : 'false'}
      aria-label=${
        count > 0
          ? msg('threadComment.agreeWithCount', { name: comment.author.displayName, agrees: others })
          : msg('threadComment.agreeWith', { name: comment.author.displayName })
      }
      @click=${() =>
        this.dispatchEvent(
          glossEvent('gloss-agreement-toggle', { commentId: comment.id, agree: !comment.agreed }),
        )}
    >
      ${comment.agreed ? msg('threadComment.agreed') : msg('threadComment.agree')}${count > 0 ? html` <span aria-hidden="true">· ${count}</span>` : nothing}
    </button>`
  }

  private actions(comment: CommentView) {
    const commentId = comment.id
    return html`${this.agreement(comment)}${
      this.mayComment && comment.state === 'published' && comment.parentId === null
        ? html`<button
            type="button"
            aria-expanded=${this.replyTo === commentId}
            class="reply"
            @click=${() => this.dispatchEvent(glossEvent('gloss-reply-toggle', { commentId }))}
          >
            ${msg('threadComment.replyButton')}
          </button>`
        : nothing
    }
    ${
      comment.mine && this.mayComment && comment.state !== 'withdrawn' && comment.state !== 'hidden'
        ? html`${
              wordsKept(comment)
                ? nothing
                : html`<button
                    type="button"
                    class="edit"
                    @click=${() => this.dispatchEvent(glossEvent('gloss-edit-start', { commentId }))}
                  >
                    ${msg('threadComment.edit')}
                  </button>`
            }
            <button
              type="button"
              class="withdraw"
              aria-expanded=${this.confirmingWithdraw ? 'true' : 'false'}
              @click=${() => this.askToWithdraw(!this.confirmingWithdraw)}
            >
              ${msg('threadComment.withdraw')}
            </button>
            ${
              this.confirmingWithdraw
                ? html`<p class="confirm-withdraw">
                    ${msg('threadComment.withdrawConfirm')}
                    <button
                      type="button"
                      class="withdraw-yes danger"
                      @click=${() => {
                        this.confirmingWithdraw = false
                        this.dispatchEvent(glossEvent('gloss-comment-withdraw', { commentId }))
                      }}
                    >
                      ${msg('threadComment.withdrawYes')}
                    </button>
                    <button type="button" @click=${() => this.askToWithdraw(false)}>
                      ${msg('threadComment.withdrawNo')}
                    </button>
                  </p>`
                : nothing
            }`
        : nothing
    }
    ${
      this.flagged.has(commentId)
        ? html`<p class="flagged" tabindex="-1">${msg('threadComment.flagged')}</p>`
        : this.signedIn && !comment.mine && comment.state === 'published'
          ? html`<gloss-flag-form .commentId=${commentId}></gloss-flag-form>`
          : nothing
    }
    ${this.moderation(comment)}`
  }

  /**
   * An editor's own controls: Hide a published comment (after the fact), Restore a hidden one, and
   * Approve or Hide one waiting under pre-moderation.
   */
  private moderation(comment: CommentView) {
    if (!this.mayModerate) return nothing
    const commentId = comment.id
    if (comment.state === 'published')
      return html`<gloss-hide-form class="hide" .commentId=${commentId}></gloss-hide-form>`
    if (comment.state === 'pending')
      return html`<button
          type="button"
          class="approve"
          @click=${() => this.dispatchEvent(glossEvent('gloss-comment-restore', { commentId }))}
        >
          ${msg('threadComment.approve')}
        </button>
        <gloss-hide-form class="hide" .commentId=${commentId}></gloss-hide-form>`
    if (comment.state === 'hidden')
      return html`<button
        type="button"
        class="restore"
        @click=${() => this.dispatchEvent(glossEvent('gloss-comment-restore', { commentId }))}
      >
        ${msg('threadComment.restore')}
      </button>`
    return nothing
  }

  override render() {
    const comment = this.comment
    // A reply answers the comment above it; it has no kind of its own to show.
    const kind =
      comment.parentId === null
        ? msg('commentKind.label', { kind: comment.kind })
        : msg('threadComment.reply')
    const name = comment.author.displayName
    const replies = this.comments.filter((c) => c.parentId === comment.id)
    return html`<article
        id="comment-${comment.id}"
        class=${comment.parentId === null ? '' : 'is-reply'}
        aria-label=${msg('threadComment.by', { kind, name })}
      >
        <div class="meta">
          <span class="kind">${kind}</span>${name}${
            comment.author.pseudonym
              ? ` ${msg('threadComment.pseudonym', { pseudonym: comment.author.pseudonym })}`
              : ''
          }${comment.author.organisation ? `, ${comment.author.organisation}` : ''}${
            comment.onBehalfOf
              ? `, ${msg('threadComment.onBehalf', { organisation: comment.onBehalfOf })}`
              : ''
          }
          ·
          <time datetime=${comment.createdAt}>${writtenAt(comment.createdAt)}</time>
          ${comment.edited ? html` · ${msg('threadComment.edited')}` : nothing}
          ${
            comment.state !== 'published'
              ? html` <span class="badge">${msg('threadComment.state', { state: comment.state })}</span>`
              : nothing
          }
          ${comment.public ? nothing : html` <span class="badge">${msg('threadComment.editorsOnly')}</span>`}
          ${languageBadge(comment.lang)}
        </div>
        ${
          comment.state === 'pending' ? html`<p class="pending">${msg('threadComment.pending')}</p>` : nothing
        }
        ${
          comment.state === 'withdrawn'
            ? html`<p class="withdrawn" tabindex="-1"><em>${msg('threadComment.withdrawn')}</em></p>`
            : html`${quoted(comment, this.paragraph)}
                ${
                  comment.proposalRedline
                    ? html`<gloss-redline
                        trim
                        .parts=${comment.proposalRedline}
                        label=${
                          comment.quote
                            ? msg('threadComment.suggestedForQuote')
                            : msg('threadComment.suggestedForParagraph')
                        }
                      ></gloss-redline>`
                    : nothing
                }
                <div class="body" dir="auto" lang=${comment.lang ?? nothing}>
                  ${unsafeHTML(comment.html)}
                </div>`
        }
        ${comment.writtenOn ? html`<gloss-written-on .origin=${comment.writtenOn}></gloss-written-on>` : nothing}
        ${
          comment.decision && (comment.decision.draft === true || comment.decision.decision !== 'open')
            ? html`<p class="decision">
                <strong
                  >${msg(
                    comment.decision.draft === true
                      ? 'threadComment.draftDecision'
                      : 'threadComment.decision',
                    {
                      decision: msg(`commentDecision.${comment.decision.decision}`),
                    },
                  )}</strong
                >
                ${comment.decision.response}
              </p>`
            : nothing
        }
        ${
          comment.decision?.change && comment.decision.decision !== 'open'
            ? html`<p class="decision-change">
                <a href=${comment.decision.change.link}
                  >${
                    comment.decision.change.block
                      ? msg('threadComment.decisionChange', {
                          number: comment.decision.change.block.number,
                          edition: comment.decision.change.edition,
                          // The message's selectors are words: `moved-edited` is `movedEdited` there.
                          change: comment.decision.change.lineage.replace('moved-edited', 'movedEdited'),
                        })
                      : msg('threadComment.decisionRemoved', { edition: comment.decision.change.edition })
                  }</a
                >
              </p>`
            : nothing
        }
        ${comment.state === 'hidden' && comment.hiddenReason ? html`<p class="error">${msg('threadComment.hidden', { reason: comment.hiddenReason })}</p>` : nothing}
        ${
          this.editing === comment.id
            ? html`<gloss-composer
                class="edit-form"
                mode="edit"
                .commentId=${comment.id}
                .editing=${comment}
                .body=${comment.body}
                .quote=${comment.quote?.exact ?? ''}
                .paragraph=${this.paragraph}
                .publishByDefault=${comment.public}
                .organisation=${comment.onBehalfOf ?? ''}
                .slug=${this.consent.slug}
                .parentKept=${this.comments.some((c) => c.id === comment.parentId && !c.public)}
              ></gloss-composer>`
            : nothing
        }
        <div class="actions">${this.actions(comment)}</div>
        ${
          this.replyTo === comment.id
            ? html`<gloss-composer
                class="reply-form"
                mode="reply"
                .commentId=${comment.id}
                .publishByDefault=${this.consent.publishByDefault}
                .organisation=${this.consent.organisation}
                .slug=${this.consent.slug}
                .parentKept=${!comment.public}
              ></gloss-composer>`
            : nothing
        }
      </article>
      ${
        replies.length
          ? html`<ol class="replies">
              ${replies.map(
                (reply) =>
                  html`<li>
                    <gloss-comment
                      .comment=${reply}
                      .comments=${this.comments}
                      .mayComment=${this.mayComment}
                      .signedIn=${this.signedIn}
                      .mayModerate=${this.mayModerate}
                      .replyTo=${this.replyTo}
                      .editing=${this.editing}
                      .flagged=${this.flagged}
                      .consent=${this.consent}
                    ></gloss-comment>
                  </li>`,
              )}
            </ol>`
          : nothing
      }`
  }
}

/**
 * The words a comment quoted as they stand in this edition: a carried comment's quote as found here, or,
 * when gone, the words as written and a line saying they are no longer in the paragraph.
 */
/** A comment written in another language than the page's says which (the server's cards do the same). */
function languageBadge(lang: string | null) {
  const mark = languageMark(lang, language())
  return mark ? html` <span class="badge">${msg(mark.key, mark.values)}</span>` : nothing
}

function quoted(comment: CommentView, paragraph: string) {
  const found = comment.anchor?.quote
  // The guide's words, in their text's language and direction, inside a panel in the interface's.
  if (!found)
    return comment.quote
      ? html`<blockquote lang=${quoteLanguage(comment.quote.exact, paragraph)} dir="auto">
          ${comment.quote.exact}
        </blockquote>`
      : nothing
  if (found.status !== 'gone')
    return html`<blockquote
      lang=${quoteLanguage(found.exact, paragraph)}
      dir="auto"
      data-quote-status=${found.status}
    >
      ${found.exact}
    </blockquote>`
  // Words no longer in the paragraph cannot say which text they came from: the shown one's is the guess.
  return html`<blockquote class="gone" lang=${textLanguage()} dir="auto">
      ${comment.quote?.exact ?? found.exact}
    </blockquote>
    <p class="quote-gone">
      ${comment.mine ? msg('threadComment.quoteGoneMine') : msg('threadComment.quoteGone')}
    </p>`
}

declare global {
  interface HTMLElementTagNameMap {
    'gloss-comment': GlossComment
  }
}
