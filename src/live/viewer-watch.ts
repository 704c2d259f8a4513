import type { Db } from '../platform/db/database.ts'
import { sessionViewer } from '../platform/http/session.ts'
import { liveSessions } from '../people/session.service.ts'
import type { Viewer } from '../people/viewer.ts'
import { logger } from '../platform/log.ts'

/**
 * How often the sessions of open streams are read again unprompted: a session that expires sends no
 * notice, nor does a change made while this process's LISTEN connection was away. One query for every
 * stream of the process, so a short interval costs little.
 */
const RECHECK_MS = 5_000

/** Told the viewer as they are now, or undefined once their session has ended. */
export type ViewerChanged = (viewer: Viewer | undefined) => void

interface Watcher {
  sessionId: number
  viewer: Viewer
  changed: ViewerChanged
}

/** What decides what a signed-in viewer may see: the admin flag and the roles. */
const rights = (viewer: Viewer) =>
  JSON.stringify([viewer.person?.isAdmin, [...viewer.roles].sort(([a], [b]) => a - b)])

/**
 * Keeps the viewers of a process's open event streams current. Every few seconds, and whenever any
 * process ends a session or changes a role or an admin flag (the viewer-change-notices migration), it
 * reads every watched session again in one query and tells each stream whose viewer's rights changed or
 * whose session ended.
 */
export class ViewerWatch {
  private readonly watchers = new Set<Watcher>()
  private timer: NodeJS.Timeout | undefined
  /** The read under way, and the one queued to start after it. */
  private running: Promise<void> | undefined
  private queued: Promise<void> | undefined

  constructor(private readonly db: Db) {}

  /** Watches a signed-in viewer's session (the public have none to end); returns a function that stops. */
  watch(viewer: Viewer, changed: ViewerChanged): () => void {
    const sessionId = viewer.person?.sessionId
    if (sessionId === undefined) return () => undefined
    const watcher: Watcher = { sessionId, viewer, changed }
    this.watchers.add(watcher)
    this.timer ??= setInterval(() => void this.check(), RECHECK_MS).unref()
    return () => {
      this.watchers.delete(watcher)
      if (this.watchers.size > 0) return
      clearInterval(this.timer)
      this.timer = undefined
    }
  }

  /**
   * Reads every watched session again. A read under way may have looked before the change the caller
   * heard of, so callers meanwhile share one read queued after it.
   */
  check(): Promise<void> {
    if (this.queued) return this.queued
    const previous = this.running
    if (!previous) return this.start()
    this.queued = previous.then(() => {
      this.queued = undefined
      return this.start()
    })
    return this.queued
  }

  private start(): Promise<void> {
    return (this.running = this.read().finally(() => {
      this.running = undefined
    }))
  }

  /** Resolves once the read under way or queued is done: events handed out after it go by what it found. */
  get settled(): Promise<void> {
    return this.queued ?? this.running ?? Promise.resolve()
  }

  private async read(): Promise<void> {
    try {
      const watchers = [...this.watchers]
      if (watchers.length === 0) return
      const rows = await liveSessions(this.db, [...new Set(watchers.map((w) => w.sessionId))])
      const live = new Map(rows.map((row) => [row.sessionId, row]))
      for (const watcher of watchers) {
        if (!this.watchers.has(watcher)) continue
        const row = live.get(watcher.sessionId)
        const now = row && sessionViewer(row, watcher.viewer.address)
        if (now && rights(now) === rights(watcher.viewer)) continue
        if (now) watcher.viewer = now
        watcher.changed(now)
      }
    } catch (error) {
      // The database is away, and with it every new event: the next notice or tick reads again.
      logger.warn({ err: error }, 'live events: reading the sessions of open streams failed')
    }
  }
}
