import type { Db } from '../platform/db/database.ts'
import { squashSpace } from '../platform/markdown/text.ts'
import { quotedPhrases } from './anchor.repository.ts'

export interface PhraseInText {
  exact: string
  commentIds: string[]
}

/**
 * A block's quoted phrases in the order they appear in its text (a phrase of several comments once),
 * for the thread page without JavaScript, where no highlight marks them in the paragraph.
 */
export async function phrasesInOrder(
  db: Db,
  editionId: number,
  block: { key: string; text: string },
): Promise<PhraseInText[]> {
  const text = squashSpace(block.text)
  const at = (exact: string) => {
    const found = text.indexOf(exact)
    return found === -1 ? Number.MAX_SAFE_INTEGER : found
  }
  return (await quotedPhrases(db, editionId, block.key))
    .map((p) => ({ exact: p.quote.exact, commentIds: p.ids.map(String), at: at(p.quote.exact) }))
    .sort((a, b) => a.at - b.at)
    .map(({ exact, commentIds }) => ({ exact, commentIds }))
}
