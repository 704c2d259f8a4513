import type { Database } from '../platform/db/database.ts'
import type { CommentRow } from '../comments/comment.repository.ts'
import type { Viewer } from '../people/viewer.ts'
import type { NamesShown } from '../kernel/words.ts'
import { editionGuide, eventsPage, numberNewEvents } from './event.service.ts'
import type { DraftDecision } from '../decisions/decision.repository.ts'
import { STREAM_LIMITS, StreamCounts, type StreamLimits } from './stream-limits.ts'
import { ViewerWatch } from './viewer-watch.ts'
import { logger } from '../platform/log.ts'

export interface LiveEvent {
  /** The event's position (see event.repository.ts): the stream's `id:`. */
  id: number
  type: string
  comment: CommentRow
  /**
   * Published comments on the comment's block when the event was read, for the margin of every open
   * page: a page cannot tell from one comment whether a change to it moved its count (hidden from
   * published or from pending, approved, withdrawn), and a count read afresh is right however many
   * events a page has missed or received twice. Undefined for the general discussion.
   */
  blockCount: number | undefined
  /**
   * How the guide showed authors' names when the event was read: read with the events, not when a
   * stream opened, so an editor changing how names show is obeyed by the next event every stream sends.
   */
  names: NamesShown
  /** When the guide's retention ran, read with the events too: from then on its editors see pseudonyms. */
  retentionAppliedAt: Date | null
  /** The comment's unreleased decision when the event was read: shown to the guide's editors only. */
  draft?: DraftDecision | undefined
  /** The event as each kind of viewer sees it, filled in by the first stream of that kind to send it. */
  serialised?: Map<string, string | undefined>
}

type Listener = (events: LiveEvent[]) => void

interface EditionFeed {
  /** The edition's guide: its other editions' events may be about comments carried into this one. */
  guideId: number
  listeners: Set<Listener>
  /** Told when the edition moved (announceEditionMoved). */
  moved: Set<() => void>
  /** The newest event position already read for this edition. */
  seen: number
  reading: Promise<void> | undefined
  again: boolean
}

/**
 * One per server process: a single LISTEN connection wakes it when any process commits a comment
 * event; it reads the new events of that edition once and hands them to every open stream on it, each
 * of which keeps only what its viewer may see. When the LISTEN connection comes back after losing the
 * database, every feed reads what was committed meanwhile. Before reading, it numbers the events
 * committed so far (see event.repository.ts), since streams go by position. It also keeps its streams'
 * viewers current (see viewer-watch.ts) and counts its streams against their limits (stream-limits.ts).
 */
export class LiveHub {
  private readonly feeds = new Map<number, EditionFeed>()
  /** Each edition's guide, as learnt (an edition never changes guide). */
  private readonly guides = new Map<number, number>()
  /** The personal notice streams of this process, by person. */
  private readonly noticeListeners = new Map<number, Set<() => void>>()
  private listening: Promise<() => Promise<void>> | undefined
  private readonly stopping = new AbortController()
  /** The sequencer run under way, and the one queued to start after it. */
  private numbering: Promise<void> | undefined
  private queued: Promise<void> | undefined
  readonly viewers: ViewerWatch
  private readonly counts: StreamCounts

  constructor(
    private readonly database: Database,
    limits: StreamLimits = STREAM_LIMITS,
  ) {
    this.viewers = new ViewerWatch(database.db)
    this.counts = new StreamCounts(limits)
  }

  /** Counts a stream about to open, or refuses it (429, 503); returns the function that ends its count. */
  admit(viewer: Viewer, perClient: boolean): () => void {
    return this.counts.admit(viewer, perClient)
  }

  /** Aborted when the server stops: open streams then end, telling their clients to reconnect. */
  get closing(): AbortSignal {
    return this.stopping.signal
  }

  /**
   * Starts listening (once) and registers a stream: `listener` is handed the edition's events, `moved`
   * is called when the edition moves. Returns a function that removes both.
   */
  async subscribe(
    editionId: number,
    guideId: number,
    since: number,
    listener: Listener,
    moved: () => void = () => undefined,
  ): Promise<() => void> {
    if (this.closing.aborted) return () => undefined
    await this.listen()
    let feed = this.feeds.get(editionId)
    if (!feed) {
      feed = {
        guideId,
        listeners: new Set(),
        moved: new Set(),
        seen: since,
        reading: undefined,
        again: false,
      }
      this.feeds.set(editionId, feed)
      this.guides.set(editionId, guideId)
    }
    feed.seen = Math.max(feed.seen, since)
    feed.listeners.add(listener)
    feed.moved.add(moved)
    return () => {
      feed.moved.delete(moved)
      // Only the feed this stream joined: a second call must not drop a newer feed for the edition.
      if (
        feed.listeners.delete(listener) &&
        feed.listeners.size === 0 &&
        this.feeds.get(editionId) === feed
      ) {
        this.feeds.delete(editionId)
      }
    }
  }

  /** Starts the one LISTEN connection of the process, once. */
  private listen() {
    this.listening ??= this.database
      .listen(
        'gloss_events',
        (payload) => this.wake(payload),
        () => this.catchUp(),
      )
      .catch((error: unknown) => {
        // The database is away: this stream fails (503) and the next one tries again.
        this.listening = undefined
        throw error
      })
    return this.listening
  }

  /**
   * Calls `changed` whenever any process announces new or read notices of this person
   * (notifications/notice-announce.ts), and after the LISTEN connection comes back; returns a function
   * that stops.
   */
  async watchNotices(personId: number, changed: () => void): Promise<() => void> {
    if (this.closing.aborted) return () => undefined
    await this.listen()
    const listeners = this.noticeListeners.get(personId) ?? new Set()
    this.noticeListeners.set(personId, listeners)
    listeners.add(changed)
    return () => {
      listeners.delete(changed)
      if (listeners.size === 0 && this.noticeListeners.get(personId) === listeners)
        this.noticeListeners.delete(personId)
    }
  }

  /**
   * Numbers every event committed before the call. A run already under way may have looked before the
   * caller's event was committed, so callers that come meanwhile share one run queued after it: however
   * many streams open or notifications arrive at once, at most two runs are under way or waiting.
   */
  sequence(): Promise<void> {
    if (this.queued) return this.queued
    const previous = this.numbering
    if (!previous) return (this.numbering = this.number())
    this.queued = previous
      // The run before failed for whoever awaited it, and they log it; this one starts afresh.
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined
        return (this.numbering = this.number())
      })
    return this.queued
  }

  private async number(): Promise<void> {
    try {
      // Events numbered here may be another edition's whose notification has not come yet (or never
      // will, if their writer died between its commit and its announcement): their feeds read too.
      for (const editionId of await numberNewEvents(this.database.db)) this.readShowing(editionId)
    } finally {
      this.numbering = undefined
    }
  }

  get streams(): number {
    let count = 0
    for (const feed of this.feeds.values()) count += feed.listeners.size
    for (const listeners of this.noticeListeners.values()) count += listeners.size
    return count
  }

  private wake(payload: string): void {
    let notice: { editionId?: number; moved?: number; viewers?: boolean; people?: unknown }
    try {
      notice = JSON.parse(payload) as typeof notice
    } catch (error) {
      logger.warn(
        { err: error, payload: payload.slice(0, 200) },
        'live events: a notification that is not JSON',
      )
      return
    }
    if (notice.viewers) void this.viewers.check()
    if (typeof notice.editionId === 'number') this.readShowing(notice.editionId)
    if (typeof notice.moved === 'number') this.tellMoved(notice.moved)
    if (Array.isArray(notice.people))
      for (const id of notice.people as unknown[])
        if (typeof id === 'number') for (const changed of this.noticeListeners.get(id) ?? []) changed()
  }

  /** After the LISTEN connection was lost and came back: notifications in between never arrived. */
  private catchUp(): void {
    void this.viewers.check()
    // (An edition that moved meanwhile is not told again here: a stream's events are its edition's
    // numbered ones, which a client resuming with Last-Event-ID must get exactly; its page finds out
    // at its next load, or at its window's time.)
    for (const editionId of this.feeds.keys()) this.readFeed(editionId)
    for (const listeners of this.noticeListeners.values()) for (const changed of listeners) changed()
  }

  private tellMoved(editionId: number): void {
    for (const moved of this.feeds.get(editionId)?.moved ?? []) moved()
  }

  /**
   * Reads the feeds that may show an edition's new events: its own, and those of the guide's other
   * editions, into which its comments may be carried (each reads only the events about comments it
   * shows, see event.repository.ts). An edition not yet known here is looked up once.
   */
  private readShowing(editionId: number): void {
    this.readFeed(editionId)
    const others = () => {
      const guideId = this.guides.get(editionId)
      for (const [id, feed] of this.feeds) if (id !== editionId && feed.guideId === guideId) this.readFeed(id)
    }
    if (this.guides.has(editionId)) {
      others()
      return
    }
    if (![...this.feeds.keys()].some((id) => id !== editionId)) return
    editionGuide(this.database.db, editionId)
      .then((guideId) => {
        if (guideId === undefined) return
        this.guides.set(editionId, guideId)
        others()
      })
      .catch((error: unknown) => {
        // The database is away: the next notification, or the LISTEN connection coming back, reads again.
        logger.warn({ err: error, editionId }, "live events: looking up an edition's guide failed")
      })
  }

  private readFeed(editionId: number): void {
    const feed = this.feeds.get(editionId)
    if (!feed) return
    if (feed.reading) {
      feed.again = true
      return
    }
    feed.reading = this.read(editionId, feed).finally(() => {
      feed.reading = undefined
      if (feed.again) {
        feed.again = false
        this.readFeed(editionId)
      }
    })
  }

  /**
   * Numbers what was committed, then hands out every event after the feed's mark, a page at a time. The
   * mark moves only past events handed out, so a read the database cuts short is taken up again from
   * the same place.
   */
  private async read(editionId: number, feed: EditionFeed): Promise<void> {
    try {
      await this.sequence()
      for (let more = true; more;) {
        const page = await eventsPage(this.database.db, editionId, feed.seen)
        if (page.last === feed.seen) return
        feed.seen = page.last
        // A change of session or role notified before these events committed is read before they go.
        await this.viewers.settled
        for (const listener of feed.listeners) listener(page.events)
        more = page.more
      }
    } catch (error) {
      // Most likely the database is away: the next notification, or the LISTEN connection coming back,
      // reads again from the same mark.
      logger.warn({ err: error, editionId }, "live events: reading an edition's events failed")
    }
  }

  /** Ends every open stream (see `closing`), then stops listening. */
  async close(): Promise<void> {
    this.stopping.abort()
    const listening = this.listening
    this.listening = undefined
    // A LISTEN that never started failed the stream that asked for it, and was answered (503) there.
    const stop = await listening?.catch(() => undefined)
    await stop?.()
  }
}
