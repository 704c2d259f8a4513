import { connect } from 'node:net'

/**
 * Sends bytes no HTTP client would, over a plain socket, and returns the status line the server gave (or
 * '' when it just closed). The socket is given up after `waitMs`, as an impatient or hostile client would.
 */
export function rawRequest(url: string, bytes: Buffer | string, waitMs = 1500): Promise<string> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname)
    let answer = ''
    const done = () => {
      socket.destroy()
      resolve(answer.split('\r\n')[0] ?? '')
    }
    const timer = setTimeout(done, waitMs)
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1')
    })
    socket.on('error', () => undefined)
    socket.on('close', () => {
      clearTimeout(timer)
      done()
    })
    socket.write(bytes)
  })
}

/** Requests malformed at the HTTP level: the server's parser must refuse each and stay up. */
export const MALFORMED_HTTP: Record<string, Buffer | string> = {
  'a body shorter than its Content-Length':
    'POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"email":',
  'a chunk size that is not hex':
    'POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n',
  'a chunked body that never ends':
    'POST /api/guides HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"mar\r\n',
  'both Content-Length and chunked':
    'POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  'a header line without a colon': 'GET /api/guides HTTP/1.1\r\nHost: x\r\nnot a header\r\n\r\n',
  'a NUL in a header value': Buffer.from(
    'GET /api/guides HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n',
    'latin1',
  ),
  'a URL of 100 kB': `GET /api/guides/${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
  'three thousand headers': `GET /api/guides HTTP/1.1\r\nHost: x\r\n${'X-A: b\r\n'.repeat(3000)}\r\n`,
  'an invalid method': 'FROB /api/guides HTTP/1.1\r\nHost: x\r\n\r\n',
  'bytes that are not HTTP': Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]),
  'a percent sign that encodes nothing': 'GET /api/guides/%ZZ/editions/%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n',
  'HTTP/0.9': 'GET /api/guides\r\n\r\n',
  'a header of 64 kB': `GET /api/guides HTTP/1.1\r\nHost: x\r\nCookie: gloss_session=${'a'.repeat(65_536)}\r\n\r\n`,
}
