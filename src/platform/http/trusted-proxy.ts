import { BlockList, isIP } from 'node:net'
import type { IncomingMessage } from 'node:http'
import { LOOPBACK_PROXIES, type Config } from '../../config.ts'
import { logger } from '../log.ts'

/** The headers only a trusted proxy may set: the app believes them when TRUST_PROXY is on. */
const FORWARDED = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-request-id']

/** Whether a peer's address is one of the proxies TRUST_PROXY names (IPv4-mapped IPv6 read as IPv4). */
export function proxyMatcher(proxies: readonly string[]): (address: string | undefined) => boolean {
  const list = new BlockList()
  for (const entry of proxies) {
    const [address = '', prefix] = entry.split('/')
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4'
    if (prefix === undefined) list.addAddress(address, type)
    else list.addSubnet(address, Number(prefix), type)
  }
  return (address) => {
    if (address === undefined) return false
    const v4 = address.startsWith('::ffff:') ? address.slice(7) : address
    if (isIP(v4) === 4) return list.check(v4, 'ipv4')
    return isIP(address) === 6 && list.check(address, 'ipv6')
  }
}

/**
 * What the server socket does with each request before anything reads it: with TRUST_PROXY on, a
 * request from a peer that is not a trusted proxy (a client reaching the port directly, HOST=0.0.0.0)
 * loses its X-Forwarded-* and X-Request-Id headers, so it cannot pass for this machine at /metrics,
 * take a fresh address for every rate limit, or choose the origin of links. Without TRUST_PROXY the app
 * reads none of them and nothing is done.
 */
export function forwardedHeadersFilter(config: Config): ((incoming: IncomingMessage) => void) | undefined {
  if (!config.trustProxy) return undefined
  const trusted = proxyMatcher(config.trustedProxies ?? LOOPBACK_PROXIES)
  let told = false
  return (incoming) => {
    if (trusted(incoming.socket.remoteAddress)) return
    const headers = incoming.headers
    if (!FORWARDED.some((name) => name in headers)) return
    // Once: a proxy on another machine that TRUST_PROXY does not name yet (TRUST_PROXY=true trusts
    // loopback alone) shows here, with the address to add.
    if (!told) {
      told = true
      logger.warn(
        { peer: incoming.socket.remoteAddress },
        'forwarded headers from a peer TRUST_PROXY does not name were ignored (a proxy elsewhere is named in TRUST_PROXY)',
      )
    }
    for (const name of FORWARDED) Reflect.deleteProperty(headers, name)
    // The app's Request reads the raw pairs too (@hono/node-server): they go from there as well.
    const raw = incoming.rawHeaders
    const kept: string[] = []
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i] ?? ''
      if (!FORWARDED.includes(name.toLowerCase())) kept.push(name, raw[i + 1] ?? '')
    }
    incoming.rawHeaders = kept
  }
}
