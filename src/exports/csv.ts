import { stringify, type Options } from 'csv-stringify'
import { pipeline, Readable } from 'node:stream'

/**
 * A spreadsheet program runs a cell that starts with = + - or @ (or a tab or carriage return before
 * one) as a formula, which a comment could use to run commands or leak data on the reader's machine
 * (CSV injection). A leading apostrophe makes such a cell plain text and shows the words unchanged.
 */
export const neutralise = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)

/**
 * CSV as spreadsheet programs open it: RFC 4180 with CRLF line ends, a byte order mark so the text is
 * read as UTF-8, and formula-like cells neutralised. A cell holding a line break is quoted, whichever
 * break it is: csv-stringify quotes only the record delimiter (CRLF), so a comment of two paragraphs
 * ("…\n\n…") would otherwise split its row in two in every spreadsheet.
 */
export const SPREADSHEET_CSV = {
  bom: true,
  record_delimiter: 'windows',
  quoted_match: /[\r\n]/,
  cast: { string: neutralise },
} as const satisfies Options

/**
 * Rows of cells as a stream of CSV text, header first, pulled from `rows` only as fast as the reader
 * takes them, so a large export holds a few rows in memory at a time.
 */
export function csvStream(header: readonly string[], rows: AsyncIterable<readonly string[]>) {
  const stringifier = stringify(SPREADSHEET_CSV)
  // Node's pipeline passes on back-pressure and tears every stage down if one fails or the reader
  // leaves; a failure reaches the reader as the error of the stream returned, so the callback has no work.
  return pipeline(Readable.from(withHeader(header, rows)), stringifier, () => {})
}

async function* withHeader(header: readonly string[], rows: AsyncIterable<readonly string[]>) {
  yield header
  yield* rows
}
