import type { Context, TypedResponse } from 'hono'
import type { JSONParsed } from 'hono/utils/types'
import { routes } from '../platform/http/contract.ts'
import { clientHas } from '../platform/http/conditional.ts'
import type { Deps } from '../platform/http/env.ts'
import { siteOrigin } from '../platform/http/security.ts'
import {
  ANNOTATION_TYPE,
  annotationCollection,
  annotationPage,
  commentAnnotation,
} from './annotation.service.ts'
import { csvStream } from './csv.ts'
import { exportContract as contract } from './export.contract.ts'
import type { FeedbackRecord } from './export.schemas.ts'
import { csvCells, editionFeedback, FEEDBACK_COLUMNS } from './feedback.service.ts'

const encoder = new TextEncoder()

/**
 * A response body pulled from `chunks` one at a time as the client reads, so nothing piles up in memory
 * when the client is slower than the database; a client that leaves stops the reading.
 */
function bodyOf(chunks: AsyncIterable<string | Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const step = await iterator.next()
      if (step.done === true) controller.close()
      else controller.enqueue(typeof step.value === 'string' ? encoder.encode(step.value) : step.value)
    },
    async cancel() {
      await iterator.return?.()
    },
  })
}

/** Enough text per chunk that a large export is not sent a few bytes at a time. */
const CHUNK = 64 * 1024

async function* jsonArray(records: AsyncIterable<FeedbackRecord>) {
  let chunk = '['
  let first = true
  for await (const record of records) {
    chunk += `${first ? '' : ','}\n${JSON.stringify(record)}`
    first = false
    if (chunk.length >= CHUNK) {
      yield chunk
      chunk = ''
    }
  }
  yield `${chunk}\n]\n`
}

async function* csvRows(records: AsyncIterable<FeedbackRecord>) {
  for await (const record of records) yield csvCells(record)
}

/**
 * The JSON array of `records`, written as the client reads it. TypeScript cannot see into a stream, so
 * the answer's type is stated here, from the records that go into it.
 */
const streamedJson = (c: Context, records: AsyncIterable<FeedbackRecord>, headers: Record<string, string>) =>
  c.body(bodyOf(jsonArray(records)), 200, headers) as unknown as Response &
    TypedResponse<JSONParsed<FeedbackRecord[]>, 200, 'json'>

/** Exports depend on who asks (editors see more), so no shared cache may keep them. */
const PRIVATE = 'private, no-cache'

const download = (name: string) => `attachment; filename="${name}"`

/**
 * The handlers of export.contract.ts's routes: an edition's feedback as CSV and JSON, streamed; its
 * comments as W3C Web Annotations, one at a time or as a paged AnnotationCollection.
 */
export const exportApi = ({ config, database: { db } }: Pick<Deps, 'config' | 'database'>) => {
  const origin = (c: Context) =>
    siteOrigin(config, c.req.url, c.req.header('x-forwarded-proto'), c.req.header('x-forwarded-host'))
  return routes()
    .openapi(contract.feedbackCsv, async (c) => {
      const { slug: asked, n } = c.req.valid('param')
      const { slug, number, records } = await editionFeedback(db, c.get('viewer'), asked, n)
      const header = FEEDBACK_COLUMNS.map(([name]) => name)
      return c.body(bodyOf(csvStream(header, csvRows(records))), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': download(`${slug}-edition-${String(number)}-feedback.csv`),
        'cache-control': PRIVATE,
      })
    })
    .openapi(contract.feedbackJson, async (c) => {
      const { slug: asked, n } = c.req.valid('param')
      const { slug, number, records } = await editionFeedback(db, c.get('viewer'), asked, n)
      return streamedJson(c, records, {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': download(`${slug}-edition-${String(number)}-feedback.json`),
        'cache-control': PRIVATE,
      })
    })
    .openapi(contract.annotations, async (c) => {
      const viewer = c.get('viewer')
      const { slug, n } = c.req.valid('param')
      const { page } = c.req.valid('query')
      const body =
        page === undefined
          ? await annotationCollection(db, viewer, slug, n, origin(c))
          : await annotationPage(db, viewer, slug, n, page, origin(c))
      return c.json(body, 200, { 'Content-Type': ANNOTATION_TYPE, 'cache-control': PRIVATE })
    })
    .openapi(contract.annotation, async (c) => {
      const id = Number(c.req.valid('param').id)
      const { annotation, etag } = await commentAnnotation(db, c.get('viewer'), id, origin(c))
      if (clientHas(c, etag)) return c.body(null, 304, { etag })
      return c.json(annotation, 200, { 'Content-Type': ANNOTATION_TYPE, 'cache-control': PRIVATE, etag })
    })
}
