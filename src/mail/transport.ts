import nodemailer, { type Transporter } from 'nodemailer'
import type { MailConfig } from '../config.ts'

/**
 * The mail server, as SMTP_URL names it: nodemailer takes the address whole (smtp:// upgrades with
 * STARTTLS when the server offers it, smtps:// is TLS from the start; credentials in the address).
 * Each message opens its own connection: mail is a trickle, and a server that went away is found
 * again by the next message without a pool to heal.
 */
export function mailTransport(config: MailConfig): Transporter {
  return nodemailer.createTransport({
    url: config.smtpUrl,
    // A server that does not answer is a failure to retry, not a job held until its claim expires.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  })
}

export interface SmtpFailure {
  /** A 5xx: sending the same again can only be refused again. */
  permanent: boolean
  /** The refusal was of the recipient's address (at RCPT TO): that address bounced. */
  addressRefused: boolean
  message: string
}

/**
 * A full mailbox: 552 (or the enhanced code 5.2.2) is a 5xx only by history; RFC 5321 has a client
 * treat it at RCPT TO as the 452 it means, so its owner's mail waits and is tried again.
 */
const mailboxFull = (code: number | undefined, text: string) => code === 552 || /\b[45]\.2\.2\b/.test(text)

/** What a failed send means: nodemailer's errors carry the server's reply code and the command refused. */
export function smtpFailure(error: unknown): SmtpFailure {
  const e = error as { responseCode?: unknown; command?: unknown; message?: unknown; response?: unknown }
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined
  const said = `${typeof e.response === 'string' ? e.response : ''} ${typeof e.message === 'string' ? e.message : ''}`
  const permanent = code !== undefined && code >= 500 && code < 600 && !mailboxFull(code, said)
  return {
    permanent,
    addressRefused: permanent && e.command === 'RCPT TO',
    message: typeof e.message === 'string' ? e.message : String(error),
  }
}
