/**
 * Every problem Gloss answers with: its stable code (what scripts read in a problem's `code`), its HTTP
 * status and what it means. A domain error names one of these, so its status cannot drift from the
 * catalogue; /problems/<code> shows the entry to whoever follows a problem's `type`.
 */
export const ERROR_CODES = {
  'bad-request': { status: 400, meaning: 'The request cannot be read as it stands.' },
  'malformed-json': { status: 400, meaning: 'The request body is not well-formed JSON.' },
  'malformed-form': { status: 400, meaning: 'The form data cannot be read.' },
  'not-text': { status: 400, meaning: 'The request contains bytes that are not text.' },
  unauthenticated: { status: 401, meaning: 'Sign in first.' },
  'sign-in-failed': { status: 401, meaning: 'The email address or the password is wrong.' },
  forbidden: { status: 403, meaning: 'You may not do this.' },
  'cross-origin': { status: 403, meaning: 'Requests from another site are not accepted.' },
  'own-comment': { status: 403, meaning: 'You cannot agree with your own comment.' },
  'not-a-participant': { status: 403, meaning: 'That person takes no part in this guide.' },
  'file-not-readable': { status: 403, meaning: 'The file cannot be read (command line).' },
  'not-found': { status: 404, meaning: 'There is nothing at this address, or you may not know of it.' },
  'file-not-found': { status: 404, meaning: 'There is no such file (command line).' },
  conflict: {
    status: 409,
    meaning: 'This clashes with what is stored, or someone changed it at the same time.',
  },
  'names-after-retention': {
    status: 409,
    meaning:
      'Retention has put pseudonyms in place of names in this guide’s record, so its names cannot be shown in full again.',
  },
  'comment-closed': { status: 409, meaning: 'The comment is withdrawn or hidden, so it stays as it is.' },
  'comment-withdrawn': { status: 409, meaning: 'The comment was withdrawn by its author.' },
  'comment-decided': {
    status: 409,
    meaning:
      'The editors have decided on this comment, so its words stay as they are: reply to it or write a new comment.',
  },
  'comment-pending': {
    status: 409,
    meaning: 'The comment is waiting for moderation: approve it before deciding on it.',
  },
  'consultation-closed': { status: 409, meaning: 'The consultation is not taking comments.' },
  'edition-exists': { status: 409, meaning: 'Someone stored the next edition first.' },
  'edition-published': { status: 409, meaning: 'A published edition never changes.' },
  'email-taken': { status: 409, meaning: 'There is already an account for that email address.' },
  'instance-in-use': {
    status: 409,
    meaning: 'The instance holds people or guides, so it is not restored over.',
  },
  'instance-not-empty': {
    status: 409,
    meaning: 'The database holds data; restore into an empty one or replace it.',
  },
  'last-admin': { status: 409, meaning: 'The instance would be left without an admin.' },
  'newer-edition-published': { status: 409, meaning: 'A newer edition is already published.' },
  'newer-edition-open': {
    status: 409,
    meaning: 'A newer edition is open for comment or published, so an earlier one does not open again.',
  },
  'newer-edition-exists': {
    status: 409,
    meaning: 'A newer edition carries the comments on: a comment is placed in the newest edition.',
  },
  'no-working-draft': { status: 409, meaning: 'There is no working draft to change.' },
  'not-a-suggestion': {
    status: 409,
    meaning: 'Only a suggestion (a comment with suggested wording) is accepted.',
  },
  'already-accepted': { status: 409, meaning: 'The suggestion is accepted already.' },
  'suggestion-outdated': {
    status: 409,
    meaning:
      'The words the suggestion replaces are no longer in the working draft; `currentText` has what is.',
  },
  'wording-loses-formatting': {
    status: 409,
    meaning:
      'The suggested words cannot be put into the working draft without losing formatting or a footnote the paragraph keeps.',
  },
  'not-flagged': { status: 409, meaning: 'The comment has no open flags.' },
  'not-held': { status: 409, meaning: 'The comment is not held for moderation.' },
  'already-hidden': { status: 409, meaning: 'The comment is hidden already.' },
  'nothing-to-undo': { status: 409, meaning: 'The working draft has no edit to undo.' },
  reply: { status: 409, meaning: 'Replies take no decision; decide on the comment they answer.' },
  'stale-draft': { status: 409, meaning: 'The working draft changed since you read it.' },
  'invitation-unusable': { status: 410, meaning: 'The invitation expired, was used up or was withdrawn.' },
  'reset-unusable': { status: 410, meaning: 'The password reset link expired or was used.' },
  'request-timeout': { status: 408, meaning: 'The request did not arrive in time.' },
  stale: { status: 412, meaning: 'What you saw has changed since (If-Match did not match).' },
  'too-large': { status: 413, meaning: 'The request is larger than Gloss takes.' },
  'body-too-large': { status: 413, meaning: 'The request body is larger than this route takes.' },
  'source-not-text': { status: 422, meaning: 'The Markdown source is not UTF-8 text.' },
  'source-too-large': { status: 413, meaning: 'The Markdown source is larger than Gloss takes.' },
  'unsupported-media-type': {
    status: 415,
    meaning: 'The request body is of a type this route does not take.',
  },
  invalid: { status: 422, meaning: 'Some of the input is not valid; `errors` points at each field.' },
  'invalid-front-matter': { status: 422, meaning: 'The document’s front matter cannot be read.' },
  'source-too-deep': { status: 422, meaning: 'The Markdown nests deeper than Gloss takes.' },
  'source-too-complex': { status: 422, meaning: 'The Markdown would cost too much to render.' },
  'source-unreadable': { status: 422, meaning: 'The Markdown source cannot be split into blocks.' },
  'translation-misaligned': {
    status: 422,
    meaning: 'The translation’s blocks do not match the edition’s, one for one and of the same kinds.',
  },
  'translation-same-language': {
    status: 422,
    meaning: 'A translation is in another language than the guide’s.',
  },
  'instance-file-invalid': { status: 422, meaning: 'The instance file is damaged or not an instance file.' },
  'instance-version': { status: 422, meaning: 'The instance file is of another format version.' },
  'instance-schema-unknown': { status: 422, meaning: 'The instance file comes from a newer Gloss.' },
  'proposal-empty': { status: 422, meaning: 'A suggestion needs the wording it suggests (`proposal`).' },
  'proposal-unchanged': { status: 422, meaning: 'The suggested wording is what the paragraph says already.' },
  'proposal-changes-kind': {
    status: 422,
    meaning: 'The suggested wording would turn the paragraph into another kind of block, or into several.',
  },
  'quote-spans-formatting': {
    status: 422,
    meaning: 'The quoted words run across formatting, so a suggestion cannot replace them on their own.',
  },
  'not-a-file': { status: 422, meaning: 'That is a folder, not a file (command line).' },
  unreadable: { status: 422, meaning: 'The file cannot be read as Markdown (command line).' },
  'rate-limited': { status: 429, meaning: 'Too many attempts; Retry-After says when to try again.' },
  'too-many-streams': { status: 429, meaning: 'This client holds as many live streams as it may.' },
  'headers-too-large': {
    status: 431,
    meaning: 'The request’s address or headers are longer than Gloss takes.',
  },
  internal: { status: 500, meaning: 'Something failed on the server; the request id names its log line.' },
  busy: { status: 503, meaning: 'The server is too busy to do this now; try again shortly.' },
  'streams-full': { status: 503, meaning: 'The server holds as many live streams as it may.' },
  'database-unavailable': { status: 503, meaning: 'The database is not answering; try again shortly.' },
} as const satisfies Record<string, { status: number; meaning: string }>

export type ErrorCode = keyof typeof ERROR_CODES
/** A status some catalogued problem has. */
export type ProblemStatus = (typeof ERROR_CODES)[ErrorCode]['status']

/**
 * Hono's own refusals (HTTPException) keep the code `http-<status>` they have always had; they are
 * not Gloss's to catalogue one by one.
 */
export type FrameworkCode = `http-${number}`
export type ProblemCode = ErrorCode | FrameworkCode

/**
 * The message catalogue's key for a code (platform/i18n): the English catalogue takes each code's
 * `meaning` above, the Welsh one has its own, and a test fails on a code without one.
 */
export const errorMessageKey = (code: ErrorCode) => `error.${code}` as const

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_CODES, code)

/**
 * A problem's `type`: a URI reference to the page that explains its code, resolved against the address
 * the problem came from (RFC 9457 §3.1.1), so it leads to the same Gloss that answered.
 */
export const problemType = (code: ProblemCode) => `/problems/${code}`
