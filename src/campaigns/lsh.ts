/**
 * Finding which texts may be nearly the same without comparing every pair: MinHash locality-sensitive
 * hashing (Broder 1997; Leskovec, Rajaraman and Ullman, "Mining of Massive Datasets", ch. 3). Candidates
 * are then measured exactly by pg_trgm's rule (grouping.ts, or pg_trgm itself for one new comment), so
 * hashing decides only what is compared, never what is alike.
 *
 * It hashes a text's words of four letters or more, not its trigrams: unrelated English comments share
 * a fifth of their trigrams (" th", "ing"…), too close to the 0.7 that makes a campaign for any banding
 * to tell them apart cheaply, but few of their longer words (median 0.02), while texts at trigram
 * similarity 0.7 or more share over half of them (on test/support/campaign-texts.ts's copies, at least
 * 0.55). With `ROWS` 4 and `BANDS` 60, a pair sharing 55 % of its words is a candidate with probability
 * 0.997, one sharing 63 % with 0.99996; a pair sharing 15 % with 0.03. A copy of a campaign needs to
 * meet only one of the campaign's many members, so campaigns are not missed.
 * Everything is seeded by constants: the bands of a comment saved today must match one posted next year
 * (changing them needs a migration that recomputes campaign_bands).
 */

/** Bands, each of `ROWS` minimums: texts whose words are J alike share one with 1 − (1 − J^ROWS)^BANDS. */
export const BANDS = 60
export const ROWS = 4
const HASHES = BANDS * ROWS
/** Shorter words ("the", "and", "of") are in every text and tell nothing of which ones are alike. */
const MIN_LETTERS = 4

/** MurmurHash3's finaliser: every bit of the input moves every bit of the output. */
function mix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** A trigram's three code points as one exact number (code points below 2^17; above, a rare overlap). */
const keyOf = (a: number, b: number, c: number) =>
  (a % 131_072) * 17_179_869_184 + (b % 131_072) * 131_072 + (c % 131_072)

/**
 * A normalised text's trigrams (as trigrams.ts cuts them: each word padded with two spaces before and
 * one after) as exact numbers, in the text's order and repeated as often as they occur, written into
 * `into` (at least `normalised.length * 2 + 2` long); answers how many. The one walk of a text's
 * trigrams that `trigramKeys` and trigram-probe.ts both read.
 */
export function trigramSequence(normalised: string, into: Float64Array): number {
  let n = 0
  let a = 32
  let b = 32
  // Code points walked by hand (the hot loop of grouping an edition): a space ends a word with
  // "x  " then starts the next with "  y", as pg_trgm pads each word.
  for (let i = 0; i <= normalised.length; i++) {
    let c = i === normalised.length ? 32 : normalised.charCodeAt(i)
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < normalised.length) {
      c = normalised.codePointAt(i) ?? c
      i++
    }
    if (c === 32) {
      if (b === 32) continue // no word yet (or two spaces): nothing to close
      into[n++] = keyOf(a, b, 32)
      a = 32
      b = 32
      continue
    }
    into[n++] = keyOf(a, b, c)
    a = b
    b = c
  }
  return n
}

/** How long a buffer `trigramSequence` needs for a text. */
export const sequenceRoom = (normalised: string): number => normalised.length * 2 + 2

/**
 * A normalised text's trigrams as exact numbers, ascending and each once, for measuring similarity
 * fast (`keySimilarity`).
 */
export function trigramKeys(normalised: string): Float64Array {
  const keys = new Float64Array(sequenceRoom(normalised))
  const n = trigramSequence(normalised, keys)
  const sorted = keys.subarray(0, n).sort()
  let m = 0
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[m++] = sorted[i] ?? 0
  return sorted.slice(0, m)
}

/** FNV-1a over a word's UTF-16 units, then mixed: the same word has the same hash in every text. */
function wordHash(word: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193)
  return mix(h)
}

/** Hash function k is x ↦ MULTIPLIERS[k]·x + ADDENDS[k] (mod 2^32, odd multipliers), fixed. */
const MULTIPLIERS = Uint32Array.from({ length: HASHES }, (_, i) => mix(i + 0x9e3779b9) | 1)
const ADDENDS = Uint32Array.from({ length: HASHES }, (_, i) => mix(i + 0x7f4a7c15))

/**
 * A normalised text's MinHash signature: for each of the `BANDS`·`ROWS` hash functions, the least hash
 * of its long words. Two texts agree at a place with probability equal to their words' Jaccard
 * likeness. Empty for a text with no long word.
 */
export const minHashes = (normalised: string): Uint32Array => leadingMinHashes(normalised, HASHES)

/** The first `count` places of a text's signature (each place is worked out on its own). */
function leadingMinHashes(normalised: string, count: number): Uint32Array {
  const words = [...new Set(normalised.split(' ').filter((w) => w.length >= MIN_LETTERS))].map(wordHash)
  if (words.length === 0) return new Uint32Array()
  const mins = new Uint32Array(count).fill(0xffffffff)
  for (const w of words)
    for (let k = 0; k < count; k++) {
      const value = (Math.imul(w, MULTIPLIERS[k] ?? 1) + (ADDENDS[k] ?? 0)) >>> 0
      if (value < (mins[k] ?? 0)) mins[k] = value
    }
  return mins
}

/**
 * A signature's band hashes, one per band, as signed 32-bit integers (PostgreSQL's `integer`): a band's
 * number and its `ROWS` minimums hashed together. None for an empty signature; as many as the signature
 * holds whole bands for one cut short (`storedBands`).
 */
export function bandsFrom(mins: Uint32Array): Int32Array {
  const count = Math.floor(mins.length / ROWS)
  const bands = new Int32Array(count)
  for (let band = 0; band < count; band++) {
    let h = mix(band + 0x3c6ef372)
    for (let row = 0; row < ROWS; row++)
      h = mix(h ^ Math.imul((mins[band * ROWS + row] ?? 0) + row, 0xcc9e2d51))
    bands[band] = h | 0
  }
  return bands
}

/** A normalised text's band hashes (see `bandsFrom`). */
export const bandsOf = (normalised: string): Int32Array => bandsFrom(minHashes(normalised))

/**
 * Whether two signatures agree in at least `least` of their places: an estimate of their words'
 * likeness, cheap enough to turn away most colliding pairs before the exact trigram measure. Stops as
 * soon as the answer is known.
 */
export function signaturesAgree(a: Uint32Array, b: Uint32Array, least: number): boolean {
  if (a.length === 0 || b.length !== a.length) return false
  const needed = Math.ceil(least * a.length)
  let agreed = 0
  for (let k = 0; k < a.length; k++) {
    if (a[k] === b[k]) {
      if (++agreed >= needed) return true
    } else if (agreed + (a.length - k - 1) < needed) return false
  }
  return agreed >= needed
}

/** pg_trgm's `similarity` over two texts' trigram keys (ascending): in common over in either. */
export function keySimilarity(a: Float64Array, b: Float64Array): number {
  if (a.length === 0 || b.length === 0) return 0
  let shared = 0
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const x = a[i] ?? 0
    const y = b[j] ?? 0
    if (x === y) {
      shared++
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  return shared / (a.length + b.length - shared)
}

/**
 * The bands the database keeps of a comment, for a new comment to find it (campaign_texts.bands): the
 * first `STORED_BANDS`, each mixed with the edition so one index serves every edition. Fewer than
 * grouping a whole edition uses, since each costs an index entry per comment: a pair sharing 63 % of
 * its words still meets in one with probability 0.97, and a new copy of a campaign meets one of its
 * many members all but surely.
 */
export const STORED_BANDS = 20

export function storedBands(
  normalised: string,
  editionId: number,
  // Only the places the stored bands are made of: a third of the whole signature's work, for each post.
  bands = bandsFrom(leadingMinHashes(normalised, STORED_BANDS * ROWS)),
): number[] {
  const salt = mix(editionId + 0x2545f491)
  return Array.from(bands.subarray(0, STORED_BANDS), (band) => mix(band ^ salt) | 0)
}

/**
 * How many comments of an edition keep each band value: the first ones to have it (published, top
 * level). A comment finds the earlier ones sharing a band through the bands' index, which cannot stop
 * early: with every copy of a form letter keeping the same bands, each new copy read every earlier one,
 * and placing a batch grew with the campaign (0.9 s a batch at 12,000 copies, #18). A later comment
 * that shares the band still finds its first holders, which are the campaign's earliest members.
 */
export const HOLDERS_PER_BAND = 5

/** Counts of the comments keeping each band value, deciding which bands each next comment keeps. */
export class BandHolders {
  readonly #counts: Map<number, number>

  constructor(counts: Iterable<readonly [number, number]> = []) {
    this.#counts = new Map(counts)
  }

  /** Counts a comment the database keeps these bands of. */
  count(bands: readonly number[]): void {
    for (const band of bands) this.#counts.set(band, (this.#counts.get(band) ?? 0) + 1)
  }

  /** The bands a published comment keeps of those it may keep: fewer hold them than the limit. */
  keep(bands: readonly number[]): number[] {
    const kept = bands.filter((band) => (this.#counts.get(band) ?? 0) < HOLDERS_PER_BAND)
    this.count(kept)
    return kept
  }
}
