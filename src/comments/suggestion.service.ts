import { toString } from 'mdast-util-to-string'
import type { Db } from '../platform/db/database.ts'
import type { Quote, RedlinePart } from '../platform/db/schema.ts'
import type { CommentKind } from '../kernel/words.ts'
import { DomainError, invalid, notFound } from '../kernel/errors.ts'
import { splitDraft } from '../editions/draft-splits.ts'
import { parseSource } from '../platform/markdown/parse.ts'
import { applyProposal } from './proposal.ts'
import { editionSource, findBlock, type ThreadBlock } from './thread.repository.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'

export interface SuggestionWords {
  kind: CommentKind
  quote: Quote | null
  proposal: string | undefined
}

/** Where a comment goes: its edition and paragraph (null for the general discussion), and whether it replies. */
export interface SuggestionPlace {
  editionId: number
  blockKey: string | null
  reply: boolean
}

export interface Proposed {
  proposal: string | null
  proposalRedline: RedlinePart[] | null
}

const NONE: Proposed = { proposal: null, proposalRedline: null }

/**
 * The link and footnote definitions of the block's edition, when the block needs them to read as it does
 * there (it calls a footnote or a link defined elsewhere); else none, sparing a split of the whole guide.
 */
async function definitionsFor(db: Db, editionId: number, block: ThreadBlock): Promise<string> {
  if (toString(parseSource(block.markdown).tree) === block.text) return ''
  const source = await editionSource(db, editionId)
  return source === undefined ? '' : (await splitDraft(source)).definitions
}

/**
 * A suggestion's wording checked against the paragraph it is written on, with the redline the views
 * show; nothing for other kinds, which carry no wording. A suggestion is a top-level comment on a
 * paragraph, since it needs words to replace and takes a decision.
 */
export async function proposedWording(
  db: Db,
  words: SuggestionWords,
  place: SuggestionPlace,
): Promise<Proposed> {
  if (words.kind !== 'suggestion') {
    if (words.proposal !== undefined)
      throw invalid('Only a suggestion carries suggested wording.', [
        { pointer: '/proposal', detail: fieldMessage('field.proposalKind') },
      ])
    return NONE
  }
  if (place.blockKey === null || place.reply)
    throw invalid('Suggest wording on a paragraph, in a comment of its own.', [
      {
        pointer: '/kind',
        detail: place.reply ? fieldMessage('field.replyNoProposal') : fieldMessage('field.generalNoWords'),
      },
    ])
  if (words.proposal === undefined)
    throw new DomainError('proposal-empty', 'Write the wording you suggest.', [
      { pointer: '/proposal', detail: fieldMessage('field.proposalEmpty') },
    ])
  const block = await findBlock(db, place.editionId, place.blockKey)
  if (!block) throw notFound(`The paragraph "${place.blockKey}"`)
  const definitions = await definitionsFor(db, place.editionId, block)
  const applied = await applyProposal(block, words.quote, words.proposal, definitions)
  return { proposal: words.proposal.trim(), proposalRedline: applied.redline }
}
