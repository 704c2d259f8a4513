import { Diff } from 'diff'

export interface RedlinePart {
  text: string
  /** `del` for words taken out, `ins` for words put in, absent for words kept. */
  change?: 'del' | 'ins'
}

const SPACE = /^\s+$/

/**
 * Words, runs of white space (each line break apart) and single other characters, as jsdiff's
 * diffWordsWithSpace splits them, but with a word being letters, marks and digits of any script: its
 * words are Latin letters only, so an Arabic or Hebrew word was diffed letter by letter, its joined
 * letters torn apart in the redline. Han, kana and Thai, written without spaces, stay one character
 * a token, as before.
 */
const TOKEN =
  /\r?\n|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}])[\p{L}\p{M}\p{N}_])+|[^\S\r\n]+|[\s\S]/gu
class WordsWithSpace extends Diff<string, string> {
  override tokenize(value: string): string[] {
    return value.match(TOKEN) ?? []
  }
}
const words = new WordsWithSpace()

/**
 * A word-level diff between two wordings, from jsdiff: the parts in reading order, grouped into
 * phrases. jsdiff keeps the space between two changed words as unchanged, which reads as alternating
 * single words ("~~quick~~ slow ~~brown~~ red"); a run of changes with only spaces between them
 * becomes one deletion and one insertion ("~~quick brown~~ slow red").
 */
export function redlineParts(before: string, after: string): RedlinePart[] {
  const parts: RedlinePart[] = []
  let run: { removed: string; added: string; spaces: string } | undefined

  const flush = () => {
    if (!run) return
    // Spaces both sides start or end with are kept text, not part of the change.
    const lead = commonLead(run.removed, run.added)
    const trail = commonTrail(run.removed.slice(lead.length), run.added.slice(lead.length))
    const cut = (text: string) => text.slice(lead.length, text.length - trail.length)
    if (lead) parts.push({ text: lead })
    if (cut(run.removed)) parts.push({ text: cut(run.removed), change: 'del' })
    if (cut(run.added)) parts.push({ text: cut(run.added), change: 'ins' })
    if (trail) parts.push({ text: trail })
    if (run.spaces) parts.push({ text: run.spaces })
    run = undefined
  }

  for (const part of words.diff(before, after)) {
    if (part.removed || part.added) {
      run ??= { removed: '', added: '', spaces: '' }
      // Spaces held back between two changes belong to both wordings of the phrase.
      run.removed += run.spaces
      run.added += run.spaces
      run.spaces = ''
      if (part.removed) run.removed += part.value
      else run.added += part.value
    } else if (run && SPACE.test(part.value)) {
      run.spaces += part.value
    } else {
      flush()
      parts.push({ text: part.value })
    }
  }
  flush()
  return parts
}

/** The white space both texts start with. */
const commonLead = (a: string, b: string) => {
  const spaceA = /^\s*/.exec(a)?.[0] ?? ''
  const spaceB = /^\s*/.exec(b)?.[0] ?? ''
  let n = 0
  while (n < spaceA.length && spaceA[n] === spaceB[n]) n++
  return spaceA.slice(0, n)
}

/** The white space both texts end with. */
const commonTrail = (a: string, b: string) => {
  const spaceA = /\s*$/.exec(a)?.[0] ?? ''
  const spaceB = /\s*$/.exec(b)?.[0] ?? ''
  let n = 0
  while (n < spaceA.length && n < spaceB.length && spaceA.at(-1 - n) === spaceB.at(-1 - n)) n++
  return spaceA.slice(spaceA.length - n)
}
