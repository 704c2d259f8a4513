import type { Server } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config.ts'
import { listen } from '../../../src/platform/http/listen.ts'

/** What the server answers to these raw bytes, whole (it closes the connection after). */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes))
    let answer = ''
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()))
    socket.on('error', reject)
    socket.on('close', () => resolve(answer))
  })
}

describe('requests Node’s parser refuses', () => {
  let server: Server
  let port = 0
  beforeAll(async () => {
    server = await listen(() => new Response('reached the app'), { ...loadConfig({}), host: '127.0.0.1' }, 0)
    port = (server.address() as AddressInfo).port
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  it('answers a path too long for the parser with a 431 problem, not an empty answer', async () => {
    const answer = await raw(port, `GET /api/guides/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`)
    const [head = '', body = ''] = answer.split('\r\n\r\n')
    expect(head).toMatch(/^HTTP\/1\.1 431 /)
    expect(head.toLowerCase()).toContain('content-type: application/problem+json')
    expect(JSON.parse(body)).toMatchObject({
      status: 431,
      code: 'headers-too-large',
      type: '/problems/headers-too-large',
    })
  })

  it('answers bytes that are not HTTP with a 400 problem', async () => {
    const answer = await raw(port, 'NOT HTTP AT ALL\r\n\r\n')
    const [head = '', body = ''] = answer.split('\r\n\r\n')
    expect(head).toMatch(/^HTTP\/1\.1 400 /)
    expect(JSON.parse(body)).toMatchObject({ status: 400, code: 'bad-request' })
  })
})
