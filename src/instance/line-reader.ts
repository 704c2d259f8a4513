import { invalidFile } from './instance-format.ts'

const NEWLINE = 0x0a

/**
 * Splits a byte stream into lines (without their newline), each as the exact bytes read, so a checksum
 * over them is a checksum over the file. A line longer than `maxLineBytes` is refused rather than held.
 */
export async function* readLines(
  chunks: AsyncIterable<Uint8Array>,
  maxLineBytes: number,
): AsyncGenerator<Buffer, void, undefined> {
  let pending: Buffer[] = []
  let pendingBytes = 0
  for await (const piece of chunks) {
    const chunk = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength)
    let start = 0
    for (let end = chunk.indexOf(NEWLINE, start); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      const tail = chunk.subarray(start, end)
      if (pendingBytes + tail.length > maxLineBytes) throw lineTooLong(maxLineBytes)
      yield pending.length === 0 ? tail : Buffer.concat([...pending, tail])
      pending = []
      pendingBytes = 0
      start = end + 1
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start)
      pendingBytes += rest.length
      if (pendingBytes > maxLineBytes) throw lineTooLong(maxLineBytes)
      pending.push(Buffer.from(rest))
    }
  }
  if (pendingBytes > 0) throw invalidFile('The file ends in the middle of a line: it is incomplete.')
}

const lineTooLong = (max: number) =>
  invalidFile(
    `A line of the file is longer than ${String(max / 1024 / 1024)} MB, more than any row Gloss writes: the file is damaged.`,
  )

/**
 * How far decompressing may outgrow the compressed bytes read so far. Instance files measure 5 to 16
 * times (the shipped guides 5.3, with a guide of one sentence repeated 100,000 times 15.9); gzip reaches
 * about 1,000 only on a run of one byte, which is a bomb, not an instance.
 */
export const MAX_EXPANSION = 64
/** Below this much, any expansion is allowed: one guide of the largest kind may be all the file holds. */
export const EXPANSION_ALLOWANCE = 256 * 1024 * 1024

/** Passes decompressed chunks on until they outgrow what `compressedBytes()` could plausibly hold. */
export async function* limitExpansion(
  decompressed: AsyncIterable<Uint8Array>,
  compressedBytes: () => number,
  limits = { allowance: EXPANSION_ALLOWANCE, ratio: MAX_EXPANSION },
): AsyncGenerator<Uint8Array, void, undefined> {
  let bytes = 0
  for await (const chunk of decompressed) {
    bytes += chunk.byteLength
    if (bytes > limits.allowance + limits.ratio * compressedBytes()) {
      throw invalidFile(
        `The file unpacks to more than ${String(limits.ratio)} times its size, which no instance file does: it is not one Gloss wrote.`,
      )
    }
    yield chunk
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true })

export function lineText(line: Buffer): string {
  try {
    return decoder.decode(line)
  } catch {
    throw invalidFile('The file holds bytes that are not UTF-8 text: it is damaged.')
  }
}
