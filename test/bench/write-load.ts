/**
 * The write benchmark's load generator, run as its own process: each reviewer, signed in beforehand
 * (their session cookies are in the plan), posts comments one after another for `seconds`, each with its
 * own Idempotency-Key. Prints JSON.
 */
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import http from 'node:http'

export interface WriteLoadPlan {
  url: string
  slug: string
  number: number
  blockKeys: string[]
  /** One signed-in reviewer's session cookie each (`name=value`). */
  cookies: string[]
  /**
   * The comments' words, taken in turn by all the reviewers; empty for every reviewer posting copies
   * of one text, numbered (the worst case for grouping: each post joins one ever larger campaign).
   */
  bodies: string[]
  seconds: number
}

export interface WriteLoadResult {
  acknowledged: string[]
  latencies: number[]
  failures: Record<string, number>
  seconds: number
  /** This process's own CPU time over the run (user and system), in milliseconds. */
  cpuMs: number
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 })

interface Answer {
  status: number
  body: string
}

function send(url: string, body: unknown, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body)
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          ...headers,
        },
      },
      (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: text,
          }),
        )
        response.on('error', reject)
      },
    )
    request.on('error', reject)
    request.end(payload)
  })
}

/** The next of the plan's bodies, whichever reviewer asks. */
let nextBody = 0

async function reviewer(plan: WriteLoadPlan, reviewerNumber: number, until: number, result: WriteLoadResult) {
  const cookie = plan.cookies[reviewerNumber] ?? ''
  let n = 0
  while (performance.now() < until) {
    const key = plan.blockKeys[Math.floor(Math.random() * plan.blockKeys.length)] ?? ''
    const url = `${plan.url}/api/guides/${plan.slug}/editions/${plan.number}/blocks/${encodeURIComponent(key)}/comments`
    const body = {
      kind: 'comment',
      body:
        plan.bodies.length > 0
          ? (plan.bodies[nextBody++ % plan.bodies.length] ?? '')
          : `Comment ${String(n++)} from reviewer ${String(reviewerNumber)}: the second sentence reads ambiguously.`,
    }
    const start = performance.now()
    try {
      const answer = await send(url, body, { cookie, 'idempotency-key': randomUUID() })
      const took = performance.now() - start
      if (answer.status === 201) {
        result.latencies.push(took)
        result.acknowledged.push(String((JSON.parse(answer.body) as { id: number | string }).id))
      } else {
        result.failures[answer.status] = (result.failures[answer.status] ?? 0) + 1
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error'
      result.failures[code] = (result.failures[code] ?? 0) + 1
    }
  }
}

const planFile = process.argv[2]
if (planFile === undefined) throw new Error('usage: write-load.ts <plan.json>')
const plan = JSON.parse(await readFile(planFile, 'utf8')) as WriteLoadPlan
const result: WriteLoadResult = {
  acknowledged: [],
  latencies: [],
  failures: {},
  seconds: plan.seconds,
  cpuMs: 0,
}
const cpuBefore = process.cpuUsage()
const started = performance.now()
await Promise.all(plan.cookies.map((_, i) => reviewer(plan, i, started + plan.seconds * 1000, result)))
result.seconds = (performance.now() - started) / 1000
const cpu = process.cpuUsage(cpuBefore)
result.cpuMs = (cpu.user + cpu.system) / 1000
agent.destroy()
process.stdout.write(JSON.stringify(result))
