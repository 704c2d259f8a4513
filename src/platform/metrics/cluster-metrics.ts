import cluster from 'node:cluster'
import { AggregatorRegistry } from 'prom-client'
import { registry } from './metrics.ts'

const ASK = 'gloss:metrics'
const ANSWER = 'gloss:metrics-answer'

interface Answer {
  type: typeof ANSWER
  id: number
  text?: string
  error?: string
}

if (cluster.isWorker) {
  // prom-client answers the primary's collection requests with this registry.
  AggregatorRegistry.setRegistries(registry)
  new AggregatorRegistry()
}

let asked = 0
const waiting = new Map<number, (answer: Answer) => void>()

/**
 * The metrics `/metrics` shows. Under `gloss serve --workers N` any worker may get the scrape, so it
 * asks the primary for every worker's metrics added together (counters summed, event-loop delay
 * averaged): one scrape sees the whole machine.
 */
export async function currentMetrics(): Promise<string> {
  const send = process.send?.bind(process)
  if (!cluster.isWorker || !send) return registry.metrics()
  const id = ++asked
  if (waiting.size === 0) process.on('message', onAnswer)
  const answer = await new Promise<Answer>((resolve) => {
    waiting.set(id, resolve)
    send({ type: ASK, id })
  }).finally(() => {
    waiting.delete(id)
    if (waiting.size === 0) process.off('message', onAnswer)
  })
  if (answer.text === undefined) throw new Error(`the workers' metrics could not be read: ${answer.error}`)
  return answer.text
}

function onAnswer(message: unknown): void {
  const answer = message as Partial<Answer> | null
  if (answer?.type === ANSWER && typeof answer.id === 'number') waiting.get(answer.id)?.(answer as Answer)
}

/** In the primary of `gloss serve --workers N`: answers a worker's request for the whole machine's metrics. */
export function answerWorkersForMetrics(): void {
  const aggregator = new AggregatorRegistry()
  cluster.on('message', (worker, message: { type?: unknown; id?: unknown }) => {
    if (message.type !== ASK || typeof message.id !== 'number') return
    const id = message.id
    // prom-client gives up on a worker that does not answer within 5 s.
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: ANSWER, id, text } satisfies Answer),
      (error: unknown) => worker.send({ type: ANSWER, id, error: String(error) } satisfies Answer),
    )
  })
}
