/**
 * What a campaign's comments have in common once the letter around them is taken away: a campaign
 * hands people a text, and each adds a greeting, a sign-off, their name, or their own typing. Two
 * comments whose normalised texts are equal, or nearly so (`NEARLY_THE_SAME`), say the same thing.
 */

/** A first line that only greets: "Dear Sir,", "Hi,", "Hello planning team", "To whom it may concern:". */
const GREETING =
  /^(?:dear|hi|hello|hey|hiya|greetings|good (?:morning|afternoon|evening|day)|to whom it may concern|annwyl|shwmae|helo)\b[^.!?]{0,40}[,:!]?$/iu

/** A greeting opening the first line, up to its comma: "Hi, I object…", "Dear Sir or Madam, please…". */
const LEADING_GREETING = /^(?:dear|hi|hello|hey|annwyl|helo)\b[^,.!?]{0,40},\s*/iu

/** The words that close a letter ("Regards", "Thanks", "Yours faithfully"), in English and Welsh. */
const SIGN_OFF =
  /^(?:(?:kind|best|warm|warmest) regards|regards|best wishes|many thanks|thanks again|thanks|thank you|cheers|best|sincerely|yours sincerely|yours faithfully|yours truly|yours|respectfully|diolch yn fawr|diolch|cofion gorau|cofion)\b/iu

/**
 * A name as people sign: one to four words, each capitalised or an initial, with no sentence inside
 * ("Jane Smith", "J. R. Hartley", "Dr Ann O'Neill").
 */
const NAME = /^(?:(?:\p{Lu}[\p{L}'’-]*|\p{Lu})\.?\s*){1,4}[,.]?$/u

/** How many lines at the end may be a signature: a sign-off, a name, a place or an organisation. */
const SIGNATURE_LINES = 3

/** Whether a line (or the last sentence of one) only signs off: "Regards, Jane Smith", "Thanks". */
function signsOff(line: string): boolean {
  const words = SIGN_OFF.exec(line)
  if (!words) return false
  const rest = line.slice(words[0].length).replace(/^[\s,.!–—-]+/u, '')
  return rest === '' || NAME.test(rest)
}

/** Whether a line holds only a name, with perhaps a dash before it ("— Jane"). */
const isName = (line: string) => NAME.test(line.replace(/^[-–—~\s]+/u, ''))

/** Lines of a comment, without empty ones and Markdown's quote and list markers. */
function lines(body: string): string[] {
  return body
    .normalize('NFKC')
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:>\s*)*(?:[-*+]\s+)?/, '').trim())
    .filter((line) => line !== '')
}

/** The comment without its greeting and signature: the message people were asked to send. */
export function message(body: string): string[] {
  const kept = lines(body)
  if (kept.length > 1 && GREETING.test(kept[0] ?? '')) kept.shift()
  if (kept.length > 0) kept[0] = (kept[0] ?? '').replace(LEADING_GREETING, '')
  // A sign-off among the last lines ends the message, with whatever follows it (a name, a place);
  // without one, a bare name on the last line or two is a signature too. The first line always stays.
  const from = Math.max(1, kept.length - SIGNATURE_LINES)
  const signOff = kept.findIndex((line, index) => index >= from && signsOff(line))
  if (signOff >= 0) kept.splice(signOff)
  else for (let n = 0; n < 2 && kept.length > 1 && isName(kept[kept.length - 1] ?? ''); n++) kept.pop()
  // One line written as a letter: "… cycle lane. Regards, Jane" drops its last sentence.
  const last = kept.length - 1
  const sentences = (kept[last] ?? '').split(/(?<=[.!?])\s+/u)
  if (sentences.length > 1 && signsOff(sentences[sentences.length - 1] ?? ''))
    kept[last] = sentences.slice(0, -1).join(' ')
  return kept
}

/**
 * A comment's body as campaigns compare it: its message, lower case, every run of punctuation, Markdown
 * or white space one space. Letters and digits of any script are kept as they are, so Welsh and
 * English comments stay apart.
 */
export function normalise(body: string): string {
  return message(body)
    .join(' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * How alike two normalised texts must be to count as the same message, as PostgreSQL's pg_trgm
 * `similarity` measures it (the share of their three-letter pieces they have in common, each word
 * taken on its own). On test/integration/campaigns-grouping.test.ts's set, copies of one campaign's
 * text (typos, a sentence of the sender's own, sentences reordered, which pieces per word do not see)
 * score 0.77 or more, nearly all above 0.8; people's own comments on the same subjects in the same
 * words score under 0.56 for 99 pairs in 100, at most 0.75 for two sharing two whole clauses of three.
 * 0.7 sits between, nearer the copies: a comment wrongly joined costs an editor more (its own point
 * is answered by a campaign's response) than one left out (it is answered on its own).
 */
export const NEARLY_THE_SAME = 0.7

/**
 * Fewer words than this is too short to say that people copied it: "I agree with this" is written by
 * many people independently, while a campaign hands out a sentence or more.
 */
export const CAMPAIGN_MIN_WORDS = 6

/** Whether a normalised text is long enough to be part of a campaign. */
export const campaignable = (normalised: string) =>
  normalised !== '' && normalised.split(' ').length >= CAMPAIGN_MIN_WORDS

/** Different people needed for a campaign: one person posting the same thing five times is not one. */
export const CAMPAIGN_MIN_PEOPLE = 3
