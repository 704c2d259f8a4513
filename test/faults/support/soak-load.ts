import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'

/** What the load did: requests by kind, failures, 5xx answers, and the comments the server acknowledged. */
export class LoadStats {
  readonly requests = new Map<string, number>()
  readonly failures = new Map<string, number>()
  readonly serverErrors: string[] = []
  /** Every comment the server acknowledged (201, or 200 for a retry), with its body. */
  readonly acknowledged = new Map<number, string>()
  /** Top-level acknowledged comments and their blocks, for replies. */
  readonly topLevel: { id: number; key: string }[] = []
  streamsOpened = 0
  streamEvents = 0

  done(kind: string, status: number, what: string): void {
    this.requests.set(kind, (this.requests.get(kind) ?? 0) + 1)
    if (status >= 500) this.serverErrors.push(`${what} answered ${String(status)}`)
    if (status >= 400 || status === 0) this.failures.set(kind, (this.failures.get(kind) ?? 0) + 1)
  }

  get total(): number {
    return [...this.requests.values()].reduce((a, b) => a + b, 0)
  }

  get failed(): number {
    return [...this.failures.values()].reduce((a, b) => a + b, 0)
  }
}

export interface Target {
  base: string
  slug: string
  keys: string[]
}

/** Read afresh each time: the run may have ended while a request was out. */
const stopped = (signal: AbortSignal) => signal.aborted

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T

/** Reads as people do: the reading page, the edition from the API, a block's thread, the counts. */
export async function readLoop(target: Target, stats: LoadStats, stop: AbortSignal, pauseMs: number) {
  const edition = `${target.base}/api/guides/${target.slug}/editions/1`
  const kinds: [string, () => string][] = [
    ['reading page', () => `${target.base}/g/${target.slug}/1`],
    ['API edition', () => edition],
    ['thread', () => `${edition}/blocks/${pick(target.keys)}/comments`],
    ['counts', () => `${edition}/counts`],
  ]
  while (!stop.aborted) {
    const [kind, url] = pick(kinds)
    const address = url()
    try {
      const response = await fetch(address)
      await response.arrayBuffer()
      stats.done(kind, response.status, `GET ${address}`)
    } catch (error) {
      if (!stopped(stop)) stats.done(kind, 0, `GET ${address}: ${(error as Error).message}`)
    }
    await sleep(pauseMs)
  }
}

/**
 * Posts as a signed-in reviewer: comments on random blocks and replies to acknowledged ones, each with
 * an Idempotency-Key so a retry after a dropped answer cannot post twice.
 */
export async function postLoop(
  target: Target,
  cookie: string,
  stats: LoadStats,
  stop: AbortSignal,
  pauseMs: number,
) {
  let n = 0
  while (!stop.aborted) {
    n += 1
    const parent = n % 5 === 0 && stats.topLevel.length > 0 ? pick(stats.topLevel) : undefined
    const key = parent?.key ?? pick(target.keys)
    const replyTo = parent?.id
    const body = `Soak comment ${randomUUID()}: ${'words '.repeat(1 + (n % 40))}`
    const url = `${target.base}/api/guides/${target.slug}/editions/1/blocks/${key}/comments`
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ kind: 'comment', body, ...(replyTo ? { parentId: String(replyTo) } : {}) }),
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const response = await fetch(url, init)
        const answer = await response.text()
        stats.done(replyTo ? 'reply' : 'comment', response.status, `POST ${url}: ${answer.slice(0, 200)}`)
        if (response.status === 201 || response.status === 200) {
          const id = Number((JSON.parse(answer) as { id: string }).id)
          stats.acknowledged.set(id, body.trim())
          if (!replyTo) stats.topLevel.push({ id, key })
        }
        break
      } catch (error) {
        if (stopped(stop)) break
        stats.done('comment', 0, `POST ${url}: ${(error as Error).message}`)
      }
    }
    await sleep(pauseMs)
  }
}

/**
 * An event stream held open for a while, then dropped and opened again from where it was (Last-Event-ID),
 * as a reader's browser does when a phone sleeps or a network changes.
 */
export async function streamLoop(
  target: Target,
  stats: LoadStats,
  stop: AbortSignal,
  livesMs: [number, number],
) {
  let lastId = ''
  while (!stop.aborted) {
    // Its own controller and timer: a signal from AbortSignal.any over AbortSignal.timeout can be
    // collected before it fires, leaving the stream open for good.
    const life = new AbortController()
    const end = () => life.abort()
    const timer = setTimeout(end, livesMs[0] + Math.random() * (livesMs[1] - livesMs[0]))
    stop.addEventListener('abort', end, { once: true })
    const url = `${target.base}/api/guides/${target.slug}/editions/1/events`
    try {
      const response = await fetch(url, {
        signal: life.signal,
        headers: lastId ? { 'last-event-id': lastId } : {},
      })
      stats.done('event stream', response.status, `GET ${url}`)
      stats.streamsOpened += 1
      if (!response.body) continue
      let buffer = ''
      for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const id = /^id: ?(.*)$/m.exec(block)?.[1]
          if (id) lastId = id
          if (/^data:/m.test(block)) stats.streamEvents += 1
        }
      }
    } catch (error) {
      if (!life.signal.aborted) stats.done('event stream', 0, `GET ${url}: ${(error as Error).message}`)
    } finally {
      clearTimeout(timer)
      stop.removeEventListener('abort', end)
    }
    await sleep(200 + Math.random() * 800)
  }
}
