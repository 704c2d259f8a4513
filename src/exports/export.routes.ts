import { Hono, type Context } from 'hono'
import { invalid } from '../kernel/errors.ts'
import type { AppEnv, Deps } from '../platform/http/env.ts'
import { editionNumber } from '../platform/http/params.ts'
import { siteOrigin } from '../platform/http/security.ts'
import { idParam } from '../people/people.routes.ts'
import { ANNOTATION_TYPE, annotationCollection, annotationPage, commentAnnotation } from './annotations.ts'
import { csvStream } from './csv.ts'
import { csvCells, editionFeedback, FEEDBACK_COLUMNS, type FeedbackRecord } from './feedback.service.ts'

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

/** Exports depend on who asks (editors see more), so no shared cache may keep them. */
const PRIVATE = 'private, no-cache'

const download = (name: string) => `attachment; filename="${name}"`

const pageParam = (value: string | undefined) => {
  if (value === undefined) return undefined
  if (!/^(0|[1-9]\d{0,8})$/.test(value))
    throw invalid('A page is a whole number from 0.', [
      { pointer: '/page', detail: 'Use the first, last, next or prev link.' },
    ])
  return Number(value)
}

/**
 * An edition's feedback as CSV and JSON, streamed; its comments as W3C Web Annotations, one at a time
 * or as a paged AnnotationCollection.
 */
export const exportRoutes = ({ config, database: { db } }: Pick<Deps, 'config' | 'database'>) => {
  const origin = (c: Context) =>
    siteOrigin(config, c.req.url, c.req.header('x-forwarded-proto'), c.req.header('x-forwarded-host'))
  const feedback = (c: Context<AppEnv>) =>
    editionFeedback(db, c.get('viewer'), c.req.param('slug') ?? '', editionNumber(c.req.param('n')))
  return new Hono<AppEnv>()
    .get('/guides/:slug/editions/:n/feedback.csv', async (c) => {
      const { slug, number, records } = await feedback(c)
      const header = FEEDBACK_COLUMNS.map(([name]) => name)
      return c.body(bodyOf(csvStream(header, csvRows(records))), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': download(`${slug}-edition-${String(number)}-feedback.csv`),
        'cache-control': PRIVATE,
      })
    })
    .get('/guides/:slug/editions/:n/feedback.json', async (c) => {
      const { slug, number, records } = await feedback(c)
      return c.body(bodyOf(jsonArray(records)), 200, {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': download(`${slug}-edition-${String(number)}-feedback.json`),
        'cache-control': PRIVATE,
      })
    })
    .get('/guides/:slug/editions/:n/annotations.jsonld', async (c) => {
      const viewer = c.get('viewer')
      const slug = c.req.param('slug')
      const number = editionNumber(c.req.param('n'))
      const page = pageParam(c.req.query('page'))
      const body =
        page === undefined
          ? await annotationCollection(db, viewer, slug, number, origin(c))
          : await annotationPage(db, viewer, slug, number, page, origin(c))
      return c.body(JSON.stringify(body), 200, { 'content-type': ANNOTATION_TYPE, 'cache-control': PRIVATE })
    })
    .get('/comments/:id/annotation.jsonld', async (c) => {
      const id = idParam(c.req.param('id'), 'That comment')
      const { annotation, etag } = await commentAnnotation(db, c.get('viewer'), id, origin(c))
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, { etag })
      return c.body(JSON.stringify(annotation), 200, {
        'content-type': ANNOTATION_TYPE,
        'cache-control': PRIVATE,
        etag,
      })
    })
}
