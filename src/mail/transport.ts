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

/** What a failed send means: nodemailer's errors carry the server's reply code and the command refused. */
export function smtpFailure(error: unknown): SmtpFailure {
  const e = error as { responseCode?: unknown; command?: unknown; message?: unknown }
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined
  const permanent = code !== undefined && code >= 500 && code < 600
  return {
    permanent,
    addressRefused: permanent && e.command === 'RCPT TO',
    message: typeof e.message === 'string' ? e.message : String(error),
  }
}
