import { isIP } from 'node:net'
import { z } from 'zod'
import { isTimeZone } from './kernel/time-zone.ts'

/** Where a proxy on this machine connects from: `TRUST_PROXY=true` trusts these alone. */
export const LOOPBACK_PROXIES: readonly string[] = ['127.0.0.0/8', '::1/128']

/** An address (`10.0.0.5`, `fd00::5`) or a network (`10.0.1.0/24`, `fd00::/64`). */
function isAddressOrNetwork(entry: string): boolean {
  const [address = '', prefix, ...more] = entry.split('/')
  const family = isIP(address)
  if (family === 0 || more.length > 0) return false
  if (prefix === undefined) return true
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)
}

/**
 * TRUST_PROXY: off; `true` (a proxy on this machine: forwarded headers are believed only from a
 * loopback peer); or the proxies' own addresses and networks, comma-separated (a proxy on another
 * machine). A client that reaches the port directly is never believed, whatever it sends.
 */
const proxies = z
  .string()
  .optional()
  .transform((value, context): readonly string[] => {
    const given = value?.trim().toLowerCase() ?? ''
    if (['', 'false', '0', 'no'].includes(given)) return []
    if (['true', '1', 'yes'].includes(given)) return LOOPBACK_PROXIES
    const entries = given.split(',').map((entry) => entry.trim())
    const wrong = entries.filter((entry) => !isAddressOrNetwork(entry))
    if (wrong.length === 0) return entries
    context.addIssue({
      code: 'custom',
      message:
        `true (a proxy on this machine) or the proxies' addresses, e.g. 10.0.0.5,10.0.1.0/24; ` +
        `not ${wrong.map((entry) => JSON.stringify(entry)).join(', ')}`,
    })
    return z.NEVER
  })

/** A count or a port: what it says when given words or a fraction, under the variable's name. */
const wholeNumber = () => z.coerce.number({ error: 'a whole number' }).int('a whole number')

/** Whether `text` is an address `new URL` reads: one it cannot read is a problem under its variable's name, not a throw. */
function parses(text: string): boolean {
  try {
    new URL(text)
    return true
  } catch {
    return false
  }
}

/** What pg connects with: a postgres:// (or postgresql://, socket:) address, or a socket folder. */
const isPostgresAddress = (text: string): boolean =>
  text.startsWith('/') || (/^(postgres|postgresql|socket):/.test(text) && parses(text))

const Environment = z.object({
  PORT: wholeNumber().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  // Its value is never repeated in a problem: it can hold a password.
  DATABASE_URL: z
    .string()
    .min(1)
    .refine(isPostgresAddress, 'a PostgreSQL address, e.g. postgres://user:password@host:5432/gloss')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  CONTENT_DIR: z.string().min(1).default('./content'),
  PUBLIC_URL: z.url('an address, e.g. https://gloss.example.org').optional(),
  TRUST_PROXY: proxies,
  DB_POOL_SIZE: wholeNumber().min(1).max(200).default(10),
  // Long enough that it cannot be guessed; anyone holding it reads the metrics from anywhere.
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  METRICS: z.enum(['on', 'off']).default('on'),
  CONTACT_EMAIL: z.email('an email address').optional(),
  LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info', 'debug']).default('info'),
  RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  SIGN_IN_LIMIT_PER_ACCOUNT: wholeNumber().min(1).default(10),
  SIGN_IN_LIMIT_PER_ACCOUNT_OVERALL: wholeNumber().min(1).default(100),
  SIGN_IN_LIMIT_PER_ADDRESS: wholeNumber().min(1).default(50),
  SIGN_IN_WINDOW_SECONDS: wholeNumber().min(1).default(900),
  POST_LIMIT_PER_PERSON: wholeNumber().min(1).default(20),
  POST_LIMIT_PER_ADDRESS: wholeNumber().min(1).default(60),
  POST_WINDOW_SECONDS: wholeNumber().min(1).default(60),
  TIME_ZONE: z
    .string()
    .default('Europe/London')
    .refine(isTimeZone, 'not a time zone Gloss knows (an IANA name such as Europe/London)'),
  SMTP_URL: z
    .url('an address with a host and a numeric port, e.g. smtp://user:password@host:587')
    .refine(
      (url) => /^smtps?:\/\//.test(url),
      'an smtp:// or smtps:// address (smtps:// is TLS from the start)',
    )
    .refine((url) => {
      if (!parses(url)) return true
      const { username, password } = new URL(url)
      return username === '' || password !== ''
    }, 'a user name needs its password (smtp://user:password@host:587)')
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/, 'an address, e.g. Gloss <gloss@example.org>')
    .optional(),
  DIGEST_HOUR: wholeNumber().min(0).max(23).default(8),
  // Long enough to look into a break-in; the privacy notice tells people the figure.
  ADDRESS_RETENTION_DAYS: wholeNumber().min(1).max(3650).default(90),
})

export interface Config {
  port: number
  host: string
  /** A real PostgreSQL server; without it Gloss runs the embedded one in `dataDir`. */
  databaseUrl: string | undefined
  dataDir: string
  contentDir: string
  /** Where people reach Gloss (for absolute links and Secure cookies); else the request's own origin. */
  publicUrl: string | undefined
  /**
   * Believe X-Forwarded-For, -Proto, -Host and X-Request-Id from a proxy in front: only ever from a
   * peer in `trustedProxies` (the server socket drops them from anyone else, src/platform/http/listen.ts).
   */
  trustProxy: boolean
  /** The proxies' addresses and networks (`TRUST_PROXY=true`: loopback); unset, loopback. Unset without TRUST_PROXY. */
  trustedProxies?: readonly string[]
  poolSize: number
  logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug'
  /** A bearer token that lets a scraper read `/metrics` from elsewhere than this machine. */
  metricsToken: string | undefined
  /** Where people write about the site itself (the accessibility statement's contact); optional. */
  contactEmail: string | undefined
  /** Off: no `/metrics`, and nothing counted per request (for an instance nobody scrapes, and the benchmark). */
  metrics: boolean
  rateLimits: RateLimits
  /** The zone consultation windows are entered in and every time is shown in (an IANA name). */
  timeZone: string
  /** Sending notices and invitations by email; undefined when the instance has no mail server. */
  mail: MailConfig | undefined
  /** Days the audit log keeps the network address of each sign-in and other audited action. */
  addressRetentionDays: number
}

export interface MailConfig {
  /** `smtp://` (STARTTLS when offered) or `smtps://`, credentials in the address. */
  smtpUrl: string
  from: string
  /** The hour of the day, in `timeZone`, daily and weekly digests go out. */
  digestHour: number
}

export interface RateLimits {
  /** Off only for benchmarks. */
  enabled: boolean
  /** Failed sign-ins per email from one address, or from one browser known to the account. */
  signInPerAccount: number
  /** Failed sign-ins per email from every address together (see src/people/sign-in-limits.ts). */
  signInPerAccountOverall: number
  /** Requests that make the server hash or check a password, per client address. */
  signInPerAddress: number
  signInWindowSeconds: number
  postPerPerson: number
  postPerAddress: number
  postWindowSeconds: number
}

/** The only reader of process.env. Fails at start with every bad variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Environment.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Configuration is not valid:\n  ${problems.join('\n  ')}`)
  }
  const e = parsed.data
  const mailProblems = [
    ...(e.SMTP_URL && !e.MAIL_FROM ? ['MAIL_FROM: needed with SMTP_URL: the address mail is sent from'] : []),
    ...(e.MAIL_FROM && !e.SMTP_URL
      ? ['SMTP_URL: needed with MAIL_FROM: the mail server to send through']
      : []),
    // Mail is written with no request to take an origin from: its links need the site's address.
    ...(e.SMTP_URL && !e.PUBLIC_URL ? ['PUBLIC_URL: needed with SMTP_URL, for the links in mail'] : []),
  ]
  if (mailProblems.length > 0) throw new Error(`Configuration is not valid:\n  ${mailProblems.join('\n  ')}`)
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    contentDir: e.CONTENT_DIR,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    trustProxy: e.TRUST_PROXY.length > 0,
    ...(e.TRUST_PROXY.length > 0 ? { trustedProxies: e.TRUST_PROXY } : {}),
    poolSize: e.DB_POOL_SIZE,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    metrics: e.METRICS === 'on',
    contactEmail: e.CONTACT_EMAIL,
    rateLimits: {
      enabled: e.RATE_LIMITS === 'on',
      signInPerAccount: e.SIGN_IN_LIMIT_PER_ACCOUNT,
      signInPerAccountOverall: e.SIGN_IN_LIMIT_PER_ACCOUNT_OVERALL,
      signInPerAddress: e.SIGN_IN_LIMIT_PER_ADDRESS,
      signInWindowSeconds: e.SIGN_IN_WINDOW_SECONDS,
      postPerPerson: e.POST_LIMIT_PER_PERSON,
      postPerAddress: e.POST_LIMIT_PER_ADDRESS,
      postWindowSeconds: e.POST_WINDOW_SECONDS,
    },
    timeZone: e.TIME_ZONE,
    mail:
      e.SMTP_URL && e.MAIL_FROM
        ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, digestHour: e.DIGEST_HOUR }
        : undefined,
    addressRetentionDays: e.ADDRESS_RETENTION_DAYS,
  }
}
