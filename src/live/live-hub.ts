import type { Database } from '../db/database.ts'
import { eventsAfter, findComments, type CommentRow } from '../comments/comment.repository.ts'

export interface LiveEvent {
  id: number
  type: string
  comment: CommentRow
}

type Listener = (events: LiveEvent[]) => void

interface EditionFeed {
  listeners: Set<Listener>
  /** The newest event id already read for this edition. */
  seen: number
  reading: Promise<void> | undefined
  again: boolean
}

/**
 * One per server process: a single LISTEN connection wakes it when any process commits a comment
 * event; it reads the new events of that edition once and hands them to every open stream on it, each
 * of which keeps only what its viewer may see.
 */
export class LiveHub {
  private readonly feeds = new Map<number, EditionFeed>()
  private listening: Promise<() => Promise<void>> | undefined

  constructor(private readonly database: Database) {}

  /** Starts listening (once) and registers a stream; returns a function that removes it. */
  async subscribe(editionId: number, since: number, listener: Listener): Promise<() => void> {
    this.listening ??= this.database.listen('gloss_events', (payload) => this.wake(payload))
    await this.listening
    let feed = this.feeds.get(editionId)
    if (!feed) {
      feed = { listeners: new Set(), seen: since, reading: undefined, again: false }
      this.feeds.set(editionId, feed)
    }
    feed.seen = Math.max(feed.seen, since)
    feed.listeners.add(listener)
    return () => {
      feed.listeners.delete(listener)
      if (feed.listeners.size === 0) this.feeds.delete(editionId)
    }
  }

  get streams(): number {
    let count = 0
    for (const feed of this.feeds.values()) count += feed.listeners.size
    return count
  }

  private wake(payload: string): void {
    let editionId: number
    try {
      editionId = (JSON.parse(payload) as { editionId: number }).editionId
    } catch {
      return
    }
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
        this.wake(payload)
      }
    })
  }

  private async read(editionId: number, feed: EditionFeed): Promise<void> {
    try {
      const events = await eventsAfter(this.database.db, editionId, feed.seen)
      if (events.length === 0) return
      feed.seen = events[events.length - 1]?.id ?? feed.seen
      const comments = new Map(
        (
          await findComments(
            this.database.db,
            events.flatMap((e) => (e.commentId ? [e.commentId] : [])),
          )
        ).map((c) => [c.id, c]),
      )
      const live = events.flatMap((e) => {
        const comment = e.commentId ? comments.get(e.commentId) : undefined
        return comment ? [{ id: e.id, type: e.type, comment }] : []
      })
      for (const listener of feed.listeners) listener(live)
    } catch {
      // The database is away; the next notification, or the client's reconnect with Last-Event-ID, catches up.
    }
  }

  async close(): Promise<void> {
    if (this.listening) await (await this.listening)()
  }
}
