import { commentView } from '../comments/comment.service.ts'
import type { EditionState } from '../kernel/words.ts'
import { readableStates } from '../guides/reading.service.ts'
import { may } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import type { LiveEvent } from './live-hub.ts'
import { UNPUBLISHED } from './event-types.ts'

/**
 * Who an event stream serves, kept current by the hub's viewer watch (viewer-watch.ts), so that each
 * event is shown as its viewer may see it when it is sent, not when the stream opened. A stream whose
 * session has ended ends, rather than carrying on as the public: its place (stream-limits.ts) belongs
 * to the session, and the browser reconnects as whoever it now is, from where it stood, through the
 * checks every new stream passes. So does one whose viewer may no longer read the edition (a draft).
 */
export class StreamViewer {
  private viewer: Viewer
  private moderator: boolean
  private readonly ending = new AbortController()
  /** Why the stream ended, once the viewer's session or right to read it has. */
  endedBecause: string | undefined

  constructor(
    viewer: Viewer,
    private readonly at: { guide: { id: number }; edition: { state: EditionState } },
  ) {
    this.viewer = viewer
    this.moderator = may(viewer, 'moderate', at.guide)
  }

  get current(): Viewer {
    return this.viewer
  }

  get ended(): AbortSignal {
    return this.ending.signal
  }

  /** Takes the viewer as they are now, or undefined once their session has ended. */
  update(now: Viewer | undefined): void {
    if (this.ended.aborted) return
    if (now && readableStates(now, this.at.guide.id).includes(this.at.edition.state)) {
      this.viewer = now
      this.moderator = may(now, 'moderate', this.at.guide)
      return
    }
    this.endedBecause = now
      ? 'You may no longer read this edition.'
      : 'Your session has ended; reconnect to read on as who you are now.'
    this.ending.abort()
  }

  /** The event's data as this viewer may see it now; undefined when they may see nothing of it. */
  serialise(event: LiveEvent): string | undefined {
    // What a stream is sent depends only on whether its viewer moderates and wrote the comment, so
    // with a thousand streams open each event is serialised a handful of times, not a thousand.
    const kind = `${String(this.moderator)}:${String(this.owns(event))}:${String(this.answered(event))}`
    event.serialised ??= new Map()
    if (!event.serialised.has(kind)) {
      const data = this.shown(event)
      event.serialised.set(kind, data ? JSON.stringify(data) : undefined)
    }
    return event.serialised.get(kind)
  }

  private owns(event: LiveEvent): boolean {
    return event.comment.authorId === this.viewer.person?.id
  }

  /** Whether the event's comment is a reply to one of this viewer's: kept for the editors, it is theirs too. */
  private answered(event: LiveEvent): boolean {
    return this.viewer.person !== null && event.comment.parentAuthorId === this.viewer.person.id
  }

  /**
   * All of the event, or only that its comment left this viewer's sight (hidden, edited back into the
   * moderators' queue, or its author no longer letting it be published) so that open pages drop it and
   * lower the margin, or nothing: a comment the viewer never saw stays unseen, not even its id. Either
   * way with its block's count (published comments only, which anyone reading the edition may count).
   */
  private shown(event: LiveEvent) {
    const row = event.comment
    const { blockCount } = event
    // The rule of `maySeeComment` (src/people/policy.ts), with the moderator flag worked out once.
    const shown = row.state === 'published' || row.state === 'withdrawn'
    const published = row.public && shown
    if (this.moderator || published || this.owns(event) || (shown && this.answered(event))) {
      const guide = { id: row.guideId, names: event.names, retentionAppliedAt: event.retentionAppliedAt }
      return { ...commentView(row, guide, this.viewer, this.moderator, event.draft), blockCount }
    }
    const left =
      event.type === UNPUBLISHED ||
      ((row.public || this.answered(event)) && (row.state === 'hidden' || event.type === 'comment.updated'))
    return left ? { id: String(row.id), state: row.state, blockKey: row.blockKey, blockCount } : undefined
  }
}
