/**
 * The write benchmark's floor: the least a Node server could do for the same posts. node:http reads
 * the JSON body and the posts of one turn of the event loop go into Gloss's own `comments` table in
 * one insert (as Gloss batches them), through one pool of node-postgres connections, answered with
 * the new id. No session, no checks, no Markdown beyond escaping, no event, follow, pseudonym or
 * campaign: what the table, the driver and node:http cost on this machine before any of Gloss's own
 * work. Takes DATABASE_URL and the guide, edition and author ids; prints its port.
 */
import http from 'node:http'
import pg from 'pg'

const [guideId, editionId, authorId] = process.argv.slice(2).map(Number)
if (guideId === undefined || editionId === undefined || authorId === undefined)
  throw new Error('usage: write-floor-server.ts <guide id> <edition id> <author id>')
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })

const INSERT = {
  name: 'floor-insert',
  text: `insert into comments (guide_id, edition_id, block_key, author_id, kind, body, html, state, idempotency_key)
         select $1, $2, block_key, $3, kind, body, html, 'published', key
         from unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
           with ordinality as post(block_key, kind, body, html, key, i)
         order by i
         returning id`,
}

interface Post {
  blockKey: string
  kind: string
  body: string
  html: string
  key: string
  done: (id: number | Error) => void
}

let waiting: Post[] = []

function insertTurn(): void {
  const posts = waiting
  waiting = []
  const column = (pick: (post: Post) => string) => posts.map(pick)
  pool
    .query<{ id: number }>({
      ...INSERT,
      values: [
        guideId,
        editionId,
        authorId,
        column((p) => p.blockKey),
        column((p) => p.kind),
        column((p) => p.body),
        column((p) => p.html),
        column((p) => p.key),
      ],
    })
    .then(
      ({ rows }) => posts.forEach((post, i) => post.done(rows[i]?.id ?? new Error('not inserted'))),
      (error: unknown) =>
        posts.forEach((post) => post.done(error instanceof Error ? error : new Error(String(error)))),
    )
}

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c)

const server = http.createServer((request, response) => {
  const blockKey = /\/blocks\/([^/]+)\/comments$/.exec(request.url ?? '')?.[1]
  let text = ''
  request.setEncoding('utf8')
  request.on('data', (chunk: string) => (text += chunk))
  request.on('end', () => {
    const answer = (status: number, body: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    let input: { kind?: unknown; body?: unknown }
    try {
      input = JSON.parse(text) as typeof input
    } catch {
      return answer(400, { title: 'not JSON' })
    }
    if (blockKey === undefined || typeof input.body !== 'string' || typeof input.kind !== 'string')
      return answer(400, { title: 'not a post' })
    const post: Post = {
      blockKey: decodeURIComponent(blockKey),
      kind: input.kind,
      body: input.body,
      html: `<p>${escape(input.body)}</p>`,
      key: String(request.headers['idempotency-key'] ?? ''),
      done: (id) =>
        id instanceof Error
          ? answer(500, { title: id.message })
          : answer(201, { id, kind: post.kind, blockKey: post.blockKey, body: post.body, html: post.html }),
    }
    if (waiting.length === 0) setImmediate(insertTurn)
    waiting.push(post)
  })
})

server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
  )
})
