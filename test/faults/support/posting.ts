import { setTimeout as sleep } from 'node:timers/promises'
import type { Client } from '../../support/session.ts'

/** One answer to a comment POST, as the client saw it. */
export interface Answer {
  /** 0: no HTTP answer at all (the connection failed, or nothing came within the time limit). */
  status: number
  /** When the request was sent and answered, in ms since the posting began (performance.now()). */
  sentAt: number
  answeredAt: number
  contentType: string
  retryAfter: string | null
  /** The comment's id, for a 201 or 200. */
  id?: string
  /** The problem's code, for an error. */
  code?: string
}

export interface Posting {
  readonly answers: Answer[]
  /** Stops every loop after its current request and waits for them. */
  stop(): Promise<Answer[]>
}

const GIVE_UP_MS = 15_000

/**
 * Posts comments to `url` from `loops` concurrent loops until stopped, recording every answer. A loop
 * that is refused waits `pauseMs` before trying again, as a client honouring Retry-After would, only
 * sooner, to probe the outage often.
 */
export function postContinuously(client: Client, url: string, loops: number, pauseMs = 100): Posting {
  const answers: Answer[] = []
  let stopped = false
  const loop = async (n: number) => {
    for (let i = 0; !stopped; i++) {
      const sentAt = performance.now()
      const answer = await post(client, url, `Comment ${String(i)} from loop ${String(n)}.`, sentAt)
      answers.push(answer)
      if (answer.status !== 201) await sleep(pauseMs)
    }
  }
  const running = Promise.all(Array.from({ length: loops }, (_, n) => loop(n)))
  return {
    answers,
    stop: async () => {
      stopped = true
      await running
      return answers
    },
  }
}

async function post(client: Client, url: string, body: string, sentAt: number): Promise<Answer> {
  try {
    const response = await client.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'comment', body }),
      signal: AbortSignal.timeout(GIVE_UP_MS),
    })
    const json = (await response.json()) as { id?: string; code?: string }
    return {
      status: response.status,
      sentAt,
      answeredAt: performance.now(),
      contentType: response.headers.get('content-type') ?? '',
      retryAfter: response.headers.get('retry-after'),
      ...(json.id === undefined ? {} : { id: json.id }),
      ...(json.code === undefined ? {} : { code: json.code }),
    }
  } catch {
    return { status: 0, sentAt, answeredAt: performance.now(), contentType: '', retryAfter: null }
  }
}

/** The ids of the comments answered 201. */
export const acknowledged = (answers: readonly Answer[]) =>
  answers.flatMap((a) => (a.status === 201 && a.id ? [a.id] : []))
