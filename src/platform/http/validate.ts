import type { Context } from 'hono'
import type { BodyData, ParseBodyOptions } from 'hono/utils/body'
import { z } from 'zod'
import { DomainError, invalid, type FieldError } from '../../kernel/errors.ts'
import { issueMessage, notAField } from './issue-messages.ts'
import { bodyBytes } from './request-body.ts'

// Every issue a schema gives no words of its own is worded from the catalogue (issue-messages.ts), so
// that it is said in the reader's language on the way out, whichever parse found it (a route's
// validator, check() below). Set here, with fieldErrors, which every refusal by a schema goes through.
z.config({ customError: issueMessage })

const UTF8 = new TextDecoder('utf-8', { fatal: true })

/** JSON Pointer (RFC 6901) of a path in the request body. */
const pointer = (path: readonly PropertyKey[]) =>
  path.length === 0 ? '' : `/${path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`

/**
 * Reads a JSON body strictly: 415 for another content type, 400 for bytes that are not UTF-8 or not
 * JSON. A body past its limit stops the read with body-limits.ts's 413.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? ''
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new DomainError('unsupported-media-type', 'Send the body as application/json.')
  }
  let text: string
  try {
    // JSON is UTF-8 (RFC 8259); bytes that are not would otherwise be stored as U+FFFD without a word.
    text = UTF8.decode(await bodyBytes(c))
  } catch (error) {
    // Reading stops with a DomainError when the body passes its limit (src/platform/http/body-limits.ts).
    if (error instanceof DomainError) throw error
    throw new DomainError('malformed-json', 'The body is not UTF-8 text.')
  }
  let body: unknown
  try {
    body = JSON.parse(text) as unknown
  } catch {
    throw new DomainError('malformed-json', 'The body is not valid JSON.')
  }
  cacheBodyText(c, text)
  return body
}

/**
 * Leaves a body's text where Hono's `c.req.json()` and `c.req.text()` read it (its body cache, under
 * `text`). Cached under any other key, Hono turns it back into text by building a Web `Response`
 * around it (undici's), 2.4 % of posting a comment's profile (#18).
 */
export function cacheBodyText(c: Context, text: string): void {
  // Hono keeps promises there, whatever its types say.
  ;(c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text)
}

/** The summary of a refusal by a schema; a page in another language says it in its own words (site/form.tsx). */
export const FIELDS_NOT_VALID = 'Some fields are not valid.'

/** Each of a failed parse's issues as a pointer and what is wrong there (unknown fields by name). */
export const fieldErrors = (error: z.ZodError): FieldError[] =>
  error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          pointer: pointer([...issue.path, key]),
          detail: notAField(key),
        }))
      : [{ pointer: pointer(issue.path), detail: issue.message }],
  )

export function check<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  throw invalid(FIELDS_NOT_VALID, fieldErrors(parsed.error))
}

/**
 * An HTML form's fields and files. A body that is not the form its type claims (a multipart body without
 * its boundary, say) is the sender's mistake, a 400, not a fault of the server's.
 */
export async function parseForm<Options extends Partial<ParseBodyOptions>>(
  c: Context,
  options?: Options,
): Promise<BodyData<Options>> {
  try {
    return await c.req.parseBody<Options, BodyData<Options>>(options)
  } catch (error) {
    // Reading stops with a DomainError when the body passes its limit (src/platform/http/body-limits.ts).
    if (error instanceof DomainError) throw error
    throw new DomainError('malformed-form', 'The form sent could not be read.')
  }
}

/** Reads an HTML form body (the pages' no-JavaScript forms) as a plain record of strings. */
export async function readForm(c: Context): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? ''
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
    throw new DomainError('unsupported-media-type', 'Send the form as a form.')
  }
  const body = await parseForm(c)
  return Object.fromEntries(Object.entries(body).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])))
}
