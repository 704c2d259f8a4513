import type { Server } from 'node:http'
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { networkInterfaces } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig, type Config } from '../../src/config.ts'
import { listen } from '../../src/platform/http/listen.ts'
import { proxyMatcher } from '../../src/platform/http/trusted-proxy.ts'
import { testApp } from '../support/app.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'

/** This machine's own address on a network (not loopback): a client reaching the port directly. */
const outside = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address

interface Answer {
  status: number
  requestId: string | undefined
}

/** GET `path` over a real socket to `host`, with `headers` as a client (or a proxy) sends them. */
function get(host: string, port: number, path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const asked = request({ host, port, path, headers }, (response) => {
      response.resume()
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, requestId: response.headers['x-request-id'] as string }),
      )
    })
    asked.on('error', reject)
    asked.end()
  })
}

describe('TRUST_PROXY', () => {
  it('is true (a proxy on this machine), or the proxies’ addresses and networks, or says what it takes', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' })).toMatchObject({
      trustProxy: true,
      trustedProxies: ['127.0.0.0/8', '::1/128'],
    })
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.0.1.0/24,fd00::/64' }).trustedProxies).toEqual([
      '10.0.0.5',
      '10.0.1.0/24',
      'fd00::/64',
    ])
    expect(loadConfig({}).trustProxy).toBe(false)
    expect(loadConfig({}).trustedProxies).toBeUndefined()
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false)
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.5/33,nginx' })).toThrow(
      /TRUST_PROXY: true \(a proxy on this machine\) or the proxies' addresses.*not "10\.0\.0\.5\/33", "nginx"/,
    )
  })

  it('matches a peer by address or network, an IPv4-mapped IPv6 address as IPv4', () => {
    const loopback = proxyMatcher(loadConfig({ TRUST_PROXY: 'true' }).trustedProxies ?? [])
    expect(['127.0.0.1', '::ffff:127.0.0.1', '::1'].map(loopback)).toEqual([true, true, true])
    expect(['192.0.2.2', '::ffff:192.0.2.2', 'fd00::2', undefined].map(loopback)).toEqual([
      false,
      false,
      false,
      false,
    ])
    const listed = proxyMatcher(['10.0.1.0/24', 'fd00::5'])
    expect(['10.0.1.77', '::ffff:10.0.1.77', 'fd00::5'].map(listed)).toEqual([true, true, true])
    expect(['10.0.2.1', '127.0.0.1', 'fd00::6'].map(listed)).toEqual([false, false, false])
  })
})

/** The whole app on a real socket on every address, as the default HOST=0.0.0.0 serves it. */
describe.skipIf(outside === undefined)(`forwarded headers over a socket (${databaseKind})`, () => {
  let database: TestDatabase
  const servers: Server[] = []
  const serve = async (trustProxy: string) => {
    const base = loadConfig({ TRUST_PROXY: trustProxy })
    const config: Config = { ...base, host: '0.0.0.0', rateLimits: { ...base.rateLimits, enabled: false } }
    const app = await testApp(database, config)
    const server = await listen((request, env) => app.fetch(request, env), config, 0)
    servers.push(server)
    return (server.address() as AddressInfo).port
  }
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(async () => {
    for (const server of servers) server.close()
    await database.close()
  })

  it('with TRUST_PROXY=true, are believed from a proxy on this machine and from no one else', async () => {
    const port = await serve('true')
    const direct = outside ?? ''
    // The audit's request: a client reaching the port directly says it is this machine.
    expect((await get(direct, port, '/metrics', { 'x-forwarded-for': '127.0.0.1' })).status).toBe(404)
    // nginx on this machine forwarding this machine's own scraper, and forwarding someone else.
    expect((await get('127.0.0.1', port, '/metrics', { 'x-forwarded-for': '127.0.0.1' })).status).toBe(200)
    expect((await get('127.0.0.1', port, '/metrics', { 'x-forwarded-for': '203.0.113.9' })).status).toBe(404)
    // The proxy's request id is kept; a direct client's is not.
    const id = 'nginx-request-0123456789'
    expect((await get('127.0.0.1', port, '/healthz', { 'x-request-id': id })).requestId).toBe(id)
    expect((await get(direct, port, '/healthz', { 'x-request-id': id })).requestId).not.toBe(id)
  })

  it('with the proxy’s address in TRUST_PROXY, are believed from that address alone', async () => {
    const port = await serve(outside ?? '')
    const proxy = outside ?? ''
    expect((await get(proxy, port, '/metrics', { 'x-forwarded-for': '127.0.0.1' })).status).toBe(200)
    expect((await get(proxy, port, '/metrics', { 'x-forwarded-for': '203.0.113.9' })).status).toBe(404)
    // From loopback, not listed, a forwarded address is not believed: the peer's own (loopback) counts.
    expect((await get('127.0.0.1', port, '/metrics', { 'x-forwarded-for': '203.0.113.9' })).status).toBe(200)
  })

  it('without METRICS_TOKEN, answers a Bearer header at /metrics as it answers none: 404', async () => {
    const port = await serve('true')
    const direct = outside ?? ''
    expect((await get(direct, port, '/metrics', {})).status).toBe(404)
    expect(
      (await get(direct, port, '/metrics', { authorization: 'Bearer anything-at-all-here' })).status,
    ).toBe(404)
  })
})
