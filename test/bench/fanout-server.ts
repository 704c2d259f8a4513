/**
 * The live benchmark's reference: a bare node:http server that keeps event streams open and, for
 * each comment POSTed, answers 201 and writes it to every stream. No database, no checks: the least
 * any server could do for the same load. Prints its port.
 */
import http from 'node:http'

const streams = new Set<http.ServerResponse>()
let lastId = 0

const server = http.createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/events') {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    response.write('retry: 3000\n\n')
    streams.add(response)
    request.on('close', () => streams.delete(response))
    return
  }
  let body = ''
  request.setEncoding('utf8')
  request.on('data', (chunk: string) => (body += chunk))
  request.on('end', () => {
    const id = String(++lastId)
    response.writeHead(201, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ id }))
    const message = `event: comment.created\nid: ${id}\ndata: ${JSON.stringify({ id, ...(JSON.parse(body) as object) })}\n\n`
    setImmediate(() => {
      for (const stream of streams) stream.write(message)
    })
  })
})

server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
  )
})
