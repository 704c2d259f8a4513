import { randomInt } from 'node:crypto'

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'
const ALPHABET = `${LETTERS}0123456789`

/**
 * A new block key: eight URL-safe characters starting with a letter (so it is a valid CSS id), unique
 * within the guide. `taken` holds every key the guide has ever used, so none is reused.
 */
export function newKey(taken: Set<string>): string {
  for (;;) {
    let key = LETTERS[randomInt(LETTERS.length)] ?? 'k'
    for (let i = 1; i < 8; i++) key += ALPHABET[randomInt(ALPHABET.length)] ?? '0'
    if (!taken.has(key)) {
      taken.add(key)
      return key
    }
  }
}

export const isKey = (value: string): boolean => /^[a-z][a-z0-9]{7}$/.test(value)
