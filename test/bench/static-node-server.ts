/**
 * The read benchmark's second reference: a bare node:http server answering every request with the
 * same bytes Gloss serves (the brotli body to a client that accepts it, else the page as it is), from
 * memory, in one process. No routing, no headers but the encoding's: what one Node process on this
 * machine can serve at all, against which Gloss's own work is measured (nginx, in C, is the other).
 * Prints its port.
 */
import { readFileSync } from 'node:fs'
import http from 'node:http'

const [plainFile, brotliFile] = process.argv.slice(2)
if (plainFile === undefined || brotliFile === undefined)
  throw new Error('usage: static-node-server.ts <page.html> <page.br>')
const plain = readFileSync(plainFile)
const brotli = readFileSync(brotliFile)

const server = http.createServer((request, response) => {
  const br = /\bbr\b/.test(request.headers['accept-encoding'] ?? '')
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': (br ? brotli : plain).byteLength,
    ...(br ? { 'content-encoding': 'br' } : {}),
  })
  response.end(br ? brotli : plain)
})

server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`,
  )
})
