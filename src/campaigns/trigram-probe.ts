import { sequenceRoom, trigramSequence } from './lsh.ts'

/**
 * One text measured against many by pg_trgm's rule (trigrams in common over trigrams in either), where
 * only a likeness at or above a threshold matters: placing a comment measures its text against every
 * comment the database found near it (placing.ts), and most of those, found through a band that
 * happened to collide, are nowhere near. Sorting each candidate's trigrams (`trigramKeys`) was most of
 * placing a comment (#18); here the text's trigrams are kept in a hash set once, each candidate's are
 * looked up in it as they are walked, and the walk stops as soon as so many are missing that the
 * likeness cannot reach the threshold.
 */

/** Scratch space every probe shares (measuring is synchronous): the candidate's trigrams, in order. */
let sequence = new Float64Array(1024)
/** The candidate's trigrams met so far: a hash set cleared by moving to the next generation. */
let seenKeys = new Float64Array(2048)
let seenStamp = new Uint32Array(2048)
let generation = 0

function sequenceOf(normalised: string): number {
  const room = sequenceRoom(normalised)
  if (sequence.length < room) sequence = new Float64Array(Math.max(room, sequence.length * 2))
  return trigramSequence(normalised, sequence)
}

/** A power of two at least twice `count`: linear probing stays short at half full. */
function tableSize(count: number): number {
  let size = 16
  while (size < count * 2) size *= 2
  return size
}

/**
 * A trigram key's slot. Keys are exact integers below 2^52 (lsh.ts, `keyOf`): both halves are mixed,
 * since the low 32 bits alone do not hold the first of the three letters.
 */
function slotOf(key: number, mask: number): number {
  let h = (key >>> 0) ^ Math.imul((key / 4_294_967_296) | 0, 0x9e3779b1)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) & mask
}

export class TrigramProbe {
  /** How many distinct trigrams the text has. */
  readonly size: number
  readonly #keys: Float64Array
  /** Which slots hold a key (any number may be a key, 0 included: code points wrap in `keyOf`). */
  readonly #used: Uint8Array
  readonly #mask: number

  constructor(normalised: string) {
    const n = sequenceOf(normalised)
    const capacity = tableSize(n)
    this.#keys = new Float64Array(capacity)
    this.#used = new Uint8Array(capacity)
    this.#mask = capacity - 1
    let size = 0
    for (let i = 0; i < n; i++) {
      const key = sequence[i] ?? 0
      let slot = slotOf(key, this.#mask)
      while (this.#used[slot] === 1 && this.#keys[slot] !== key) slot = (slot + 1) & this.#mask
      if (this.#used[slot] === 1) continue
      this.#used[slot] = 1
      this.#keys[slot] = key
      size++
    }
    this.size = size
  }

  #has(key: number): boolean {
    for (let slot = slotOf(key, this.#mask); this.#used[slot] === 1; slot = (slot + 1) & this.#mask)
      if (this.#keys[slot] === key) return true
    return false
  }

  /**
   * The other text's likeness to this one by pg_trgm's rule, exactly as `keySimilarity` works it out
   * (the same division of the same counts) when it is at least `least`; when it is not, some figure
   * below `least`. With k of the other's trigrams missing here, the likeness is at most
   * size / (size + k), whatever the rest of it holds: once that falls below `least`, it stops.
   */
  likeness(other: string, least: number): number {
    const n = sequenceOf(other)
    if (this.size === 0 || n === 0) return 0
    const capacity = tableSize(n)
    if (seenKeys.length < capacity) {
      seenKeys = new Float64Array(capacity)
      seenStamp = new Uint32Array(capacity)
      generation = 0
    }
    if (++generation === 0xffffffff) {
      seenStamp.fill(0)
      generation = 1
    }
    const mask = capacity - 1
    let distinct = 0
    let shared = 0
    let missing = 0
    for (let i = 0; i < n; i++) {
      const key = sequence[i] ?? 0
      let slot = slotOf(key, mask)
      while (seenStamp[slot] === generation && seenKeys[slot] !== key) slot = (slot + 1) & mask
      if (seenStamp[slot] === generation) continue // met already in this text
      seenStamp[slot] = generation
      seenKeys[slot] = key
      distinct++
      if (this.#has(key)) shared++
      else {
        missing++
        const most = this.size / (this.size + missing)
        if (most < least) return most
      }
    }
    return shared / (this.size + distinct - shared)
  }
}
