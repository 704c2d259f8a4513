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
  seconds: number
}

export interface WriteLoadResult {
  acknowledged: string[]
  latencies: number[]
  failures: Record<string, number>
  seconds: number
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

async function reviewer(plan: WriteLoadPlan, cookie: string, until: number, result: WriteLoadResult) {
  const email = cookie.slice(-6)
  let n = 0
  while (performance.now() < until) {
    const key = plan.blockKeys[Math.floor(Math.random() * plan.blockKeys.length)] ?? ''
    const url = `${plan.url}/api/guides/${plan.slug}/editions/${plan.number}/blocks/${encodeURIComponent(key)}/comments`
    const body = {
      kind: 'comment',
      body: `Comment ${n++} from …${email}: the second sentence reads ambiguously.`,
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
const result: WriteLoadResult = { acknowledged: [], latencies: [], failures: {}, seconds: plan.seconds }
const started = performance.now()
await Promise.all(plan.cookies.map((cookie) => reviewer(plan, cookie, started + plan.seconds * 1000, result)))
result.seconds = (performance.now() - started) / 1000
agent.destroy()
process.stdout.write(JSON.stringify(result))
