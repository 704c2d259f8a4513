import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export const SMTP_USER = 'gloss'
export const SMTP_PASSWORD = 'mail-password'

export interface ReceivedMail {
  to: string[]
  mail: ParsedMail
  /** The message as sent, headers and all. */
  raw: string
}

/**
 * A real SMTP server on loopback (the `smtp-server` package), for tests of what Gloss sends: it asks
 * for the credentials in SMTP_URL, keeps every message it accepts, refuses some addresses for good
 * (a 550, as a server does for a mailbox that does not exist), and can go down and come back on the
 * same port.
 */
export class TestMailServer {
  readonly received: ReceivedMail[] = []
  /** Addresses answered 550 at RCPT TO. */
  readonly refused = new Set<string>()
  /** Addresses answered 552 5.2.2 (mailbox full) at RCPT TO. */
  readonly full = new Set<string>()
  private server: SMTPServer | undefined
  port = 0

  async start(): Promise<this> {
    this.server = new SMTPServer({
      // Plain SMTP on loopback: nodemailer would otherwise upgrade to TLS with a certificate it cannot check.
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth: (auth, _session, callback) => {
        if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD)
          callback(null, { user: auth.username })
        else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }))
      },
      onRcptTo: (address, _session, callback) => {
        if (this.refused.has(address.address.toLowerCase()))
          callback(Object.assign(new Error('No such mailbox here'), { responseCode: 550 }))
        else if (this.full.has(address.address.toLowerCase()))
          callback(Object.assign(new Error('5.2.2 Mailbox full'), { responseCode: 552 }))
        else callback()
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = []
        stream.on('data', (chunk: Buffer) => chunks.push(chunk))
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8')
          simpleParser(raw).then(
            (mail) => {
              this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail, raw })
              callback()
            },
            (error: unknown) => callback(error as Error),
          )
        })
      },
    })
    const server = this.server
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, '127.0.0.1', () => resolve())
    })
    this.port = (server.server.address() as AddressInfo).port
    return this
  }

  /** The mail server gone: connections to its port are refused until `start()` again. */
  async stop(): Promise<void> {
    const server = this.server
    this.server = undefined
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  get running(): boolean {
    return this.server !== undefined
  }

  get url(): string {
    return `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${String(this.port)}`
  }

  /** Messages to one address. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address))
  }
}
