/**
 * The live benchmark's load generator, run as its own process: opens `streams` event streams, then
 * posts `posts` comments one at a time and times, for each, the gap from the POST's acknowledgement to
 * its arrival on the last stream. Drives Gloss and the reference alike. Prints JSON.
 */
import { readFile } from 'node:fs/promises'
import http from 'node:http'

export interface LiveLoadPlan {
  /** The event stream's address. */
  streamUrl: string
  /** Where a comment is posted, with the headers it needs (a session cookie for Gloss). */
  postUrl: string
  postHeaders: Record<string, string>
  /** Once this many streams are open it prints a line and waits for one on stdin (memory is measured). */
  streams: number
  posts: number
  /** Pause between one post's last arrival and the next post. */
  gapMs: number
}

export interface LiveLoadResult {
  /** Per post, milliseconds from its 201 to its arrival on the last stream (negative: arrived first). */
  lastArrival: number[]
  /** Posts that some stream never received within the time allowed. */
  missed: number
  openMs: number
}

interface Stream {
  seen: Map<string, number>
}

function openStream(url: string, onEvent: (id: string) => void): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: { accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) {
        reject(new Error(`The stream answered ${String(response.statusCode)}`))
        return
      }
      response.setEncoding('utf8')
      let buffer = ''
      let opened = false
      response.on('data', (chunk: string) => {
        buffer += chunk
        let end = buffer.indexOf('\n\n')
        while (end >= 0) {
          const message = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          if (!opened && message.startsWith('retry:')) {
            opened = true
            resolve(request)
          }
          const data = message.split('\n').find((line) => line.startsWith('data:'))
          if (data) onEvent((JSON.parse(data.slice(5)) as { id: string }).id)
          end = buffer.indexOf('\n\n')
        }
      })
    })
    request.on('error', reject)
  })
}

function post(plan: LiveLoadPlan, n: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ kind: 'comment', body: `Live comment number ${String(n)}.` })
    const request = http.request(
      plan.postUrl,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...plan.postHeaders,
        },
      },
      (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => {
          if (response.statusCode === 201) resolve((JSON.parse(text) as { id: string }).id)
          else reject(new Error(`POST answered ${String(response.statusCode)}: ${text}`))
        })
      },
    )
    request.on('error', reject)
    request.end(body)
  })
}

const waitForLine = () =>
  new Promise<void>((resolve) => {
    process.stdin.once('data', () => resolve())
  })

async function main(): Promise<void> {
  const plan = JSON.parse(await readFile(process.argv[2] ?? '', 'utf8')) as LiveLoadPlan
  const streams: Stream[] = []
  const waiting = new Map<string, { left: number; done: () => void }>()
  const started = performance.now()
  const requests: http.ClientRequest[] = []
  // Opened in batches, as a crowd arriving would, rather than 1,000 connects in one tick.
  for (let i = 0; i < plan.streams; i += 50) {
    const batch = Array.from({ length: Math.min(50, plan.streams - i) }, () => {
      const stream: Stream = { seen: new Map() }
      streams.push(stream)
      return openStream(plan.streamUrl, (id) => {
        stream.seen.set(id, performance.now())
        const wait = waiting.get(id)
        if (wait && --wait.left === 0) wait.done()
      })
    })
    requests.push(...(await Promise.all(batch)))
  }
  const openMs = performance.now() - started
  process.stdout.write(`${JSON.stringify({ open: streams.length })}\n`)
  await waitForLine()

  const result: LiveLoadResult = { lastArrival: [], missed: 0, openMs }
  for (let n = 0; n < plan.posts; n++) {
    let done = () => {}
    const arrived = new Promise<void>((resolve) => (done = resolve))
    // A stream may see the comment before its 201 reaches us: those arrivals count as already there.
    const id = await post(plan, n)
    const acknowledged = performance.now()
    const already = streams.filter((s) => s.seen.has(id)).length
    if (already < streams.length) {
      waiting.set(id, { left: streams.length - already, done })
      const timeout = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 5_000))
      if ((await Promise.race([arrived, timeout])) === 'late') result.missed++
      waiting.delete(id)
    }
    const last = Math.max(...streams.map((s) => s.seen.get(id) ?? Number.POSITIVE_INFINITY))
    if (Number.isFinite(last)) result.lastArrival.push(last - acknowledged)
    await new Promise((resolve) => setTimeout(resolve, plan.gapMs))
  }
  for (const request of requests) request.destroy()
  process.stdout.write(`${JSON.stringify(result)}\n`)
  process.exit(0)
}

await main()
