import type { Db } from '../platform/db/database.ts'
import type { Quote } from '../platform/db/schema.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { findComment, recordEvent } from '../comments/comment.repository.ts'
import { locateInSource, withOwnMarker } from '../comments/proposal.ts'
import { replaceBlock } from '../editions/draft-edits.ts'
import { splitDraft } from '../editions/draft-splits.ts'
import {
  beginWorkingDraft,
  blocksForLineage,
  lockWorkingDraft,
  saveWorkingDraft,
} from '../editions/edition.repository.ts'
import { planRevision } from '../editions/revision.service.ts'
import { linksAfterChange, loadDraft } from '../editions/working-draft.service.ts'
import { findGuideById } from '../guides/guide.repository.ts'
import { DomainError, notFound } from '../kernel/errors.ts'
import { announceEvents } from '../live/announce.ts'
import { authorise } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import { checkSource } from '../platform/markdown/limits.ts'
import type { SplitDocument } from '../platform/markdown/split.ts'
import { normaliseText } from '../platform/markdown/text.ts'
import { withTransaction, type Tx } from '../platform/db/transaction.ts'
import { acceptanceBase, lockDecision, originBlock, saveAcceptance } from './acceptance.repository.ts'
import { dropDraft, writeDecision, writeDraft } from './decision.repository.ts'
import { noticeDecisions } from '../notifications/notice-writers.service.ts'
import { announceNotices } from '../notifications/notice-announce.ts'
import { wordingInPlace } from './wording-in-place.ts'
import { commentWithEtag, pendingNeedsApproval } from './decision.service.ts'

export interface AcceptanceInput {
  response?: string | undefined
  draft?: boolean | undefined
}

/** What an editor's acceptance says when they write nothing. */
const THANKS = 'Thank you: we have taken your wording into the next edition.'

const outdated = (message: string, currentText: string | null) =>
  new DomainError('suggestion-outdated', message, [], {}, { currentText })

/**
 * The key of each block of the working draft: the edition's own keys while the draft is its text
 * unchanged, else the keys lineage would carry into the next edition, as creating it would.
 */
async function draftKeys(
  tx: Tx,
  guide: Awaited<ReturnType<typeof findGuideById>>,
  draft: {
    source: string
    baseEditionId: number
    overrides: Parameters<typeof planRevision>[2]['overrides']
  },
  document: SplitDocument,
): Promise<string[]> {
  const base = await blocksForLineage(tx, draft.baseEditionId)
  const same =
    base.length === document.blocks.length && base.every((b, i) => b.hash === document.blocks[i]?.hash)
  if (same) return base.map((b) => b.key)
  const plan = await planRevision(tx, guide, { markdown: draft.source, overrides: draft.overrides, document })
  return plan.keys
}

/**
 * The block's Markdown with the suggestion applied, as the working draft has it now: its quoted words
 * replaced where they still stand (chosen between repeats by their context), or the whole block when it
 * still reads as the words the suggestion was written against, keeping its formatting outside the words
 * that change (wording-in-place.ts). Otherwise 409 with the block's text.
 */
function applied(
  block: { kind: string; markdown: string; text: string },
  origin: { text: string },
  quote: Quote | null,
  proposal: string,
  definitions: string,
) {
  if (quote) {
    const at = locateInSource(block.markdown, quote)
    if (!at)
      throw outdated(
        `The words "${quote.exact}" are no longer in this paragraph of the working draft: someone changed them since. Nothing was changed.`,
        block.text,
      )
    return block.markdown.slice(0, at.start) + proposal + block.markdown.slice(at.end)
  }
  if (normaliseText(block.text) !== normaliseText(origin.text))
    throw outdated(
      'This paragraph of the working draft has changed since the suggestion was written, so its wording would undo that change. Nothing was changed.',
      block.text,
    )
  const wording = wordingInPlace(block.markdown, block.text, proposal, definitions)
  if ('markdown' in wording) return wording.markdown
  if ('lost' in wording)
    throw new DomainError(
      'wording-loses-formatting',
      'The suggested words cannot be put into this paragraph without losing its formatting or a footnote it calls. Nothing was changed: edit the working draft by hand.',
      [],
      {},
      { currentText: block.text },
    )
  // A proposal with Markdown of its own is taken as its author wrote it, behind the block's own list or
  // heading marker, so an item stays an item of its list.
  return withOwnMarker(block, proposal)
}

/**
 * `POST /api/comments/:id/acceptance`: an editor takes a suggestion's wording into the guide's working
 * draft (begun from the newest edition if there is none) and accepts it, with their response, in one
 * transaction. The comment's row and the draft's are locked, so two editors accepting at once queue and
 * the second is refused (409), and two suggestions on one paragraph apply one after the other.
 */
export async function acceptSuggestion(db: Db, viewer: Viewer, id: number, input: AcceptanceInput) {
  const row = await findComment(db, id)
  if (!row) throw notFound('That comment')
  const guide = await findGuideById(db, row.guideId)
  authorise(viewer, 'decide', guide)
  authorise(viewer, 'edit', guide)
  const person = viewer.person
  if (!person) throw notFound('That comment')
  if (row.kind !== 'suggestion' || row.proposal === null || row.blockKey === null)
    throw new DomainError('not-a-suggestion', 'This comment suggests no wording to take in.')
  if (row.state === 'pending') throw pendingNeedsApproval()
  if (row.state !== 'published')
    throw new DomainError('comment-closed', `This suggestion is ${row.state}, so it cannot be accepted.`)
  // Begun inside the transaction below, so a refused acceptance leaves no draft behind.
  const loaded = await loadDraft(db, viewer, guide.slug, { begin: false })
  if (loaded.outdated)
    throw new DomainError(
      'stale-draft',
      'The working draft was begun from an older edition: discard it before taking suggestions into the next one.',
    )
  const origin = await originBlock(db, row.editionId, row.blockKey)
  if (!origin) throw notFound('The paragraph the suggestion was written on')
  const proposal = row.proposal
  const blockKey = row.blockKey
  const draft = input.draft ?? !guide.publishByDefault
  const response = input.response?.trim() || THANKS

  const { told, ...block } = await withTransaction(db, async (tx) => {
    const locked = await lockDecision(tx, id)
    if (locked.decision === 'accepted')
      throw new DomainError('already-accepted', 'Another editor accepted this suggestion already.')
    if (!loaded.saved)
      await beginWorkingDraft(tx, {
        guideId: guide.id,
        baseEditionId: loaded.baseEditionId,
        source: loaded.source,
        updatedBy: person.id,
      })
    const working = await lockWorkingDraft(tx, guide.id)
    if (!working)
      throw new DomainError(
        'no-working-draft',
        'The working draft was made into an edition or discarded meanwhile.',
      )
    // Accepted as a draft decision, its wording is in this draft already though the public decision
    // is still open: taking it in again would apply it twice and lose the words it replaced.
    if ((await acceptanceBase(tx, id)) === working.baseEditionId)
      throw new DomainError(
        'already-accepted',
        'This suggestion’s wording is in the working draft already: its decision can be changed or released in triage.',
      )
    const document = await splitDraft(working.source)
    const keys = await draftKeys(tx, guide, working, document)
    const ordinal = keys.indexOf(blockKey)
    const target = document.blocks[ordinal]
    if (ordinal < 0 || !target)
      throw outdated('The paragraph this suggestion is for is no longer in the working draft.', null)
    const markdown = applied(target, origin, row.quote, proposal, document.definitions)
    const source = replaceBlock(working.source, target, markdown)
    checkSource(source)
    // The wording rewrites one paragraph in place: like an editor's edit of it, it stays that paragraph
    // however many of its words change, so the paragraph's other comments go on with it.
    const { overrides } = await linksAfterChange(
      tx,
      working,
      { source, document: await splitDraft(source) },
      { edited: target.ordinal },
    )
    await saveWorkingDraft(tx, {
      guideId: guide.id,
      baseEditionId: working.baseEditionId,
      source,
      overrides,
      updatedBy: person.id,
    })
    await saveAcceptance(tx, {
      commentId: id,
      guideId: guide.id,
      baseEditionId: working.baseEditionId,
      blockKey,
      beforeMarkdown: target.markdown,
      afterMarkdown: markdown,
      acceptedBy: person.id,
    })
    const decision = {
      commentId: id,
      decision: 'accepted' as const,
      response,
      duplicateOf: null,
      decidedBy: person.id,
    }
    // The author hears of an accepted suggestion as of any decision (released later, when kept as a draft).
    let told: number[] = []
    if (draft) await writeDraft(tx, decision)
    else {
      await writeDecision(tx, decision)
      await dropDraft(tx, id)
      await recordEvent(tx, row.editionId, 'comment.decided', id)
      told = await noticeDecisions(tx, [id], person.id)
    }
    await recordAudit(tx, {
      actorId: person.id,
      action: 'comment.suggestion-accepted',
      guideId: guide.id,
      subject: String(id),
      detail: { was: row.decision, draft, block: target.number },
    })
    return { ordinal: target.ordinal, number: target.number, markdown, told }
  })
  if (!draft) announceEvents(db, row.editionId)
  announceNotices(db, told)
  const { comment } = await commentWithEtag(db, viewer, id, { drafts: true })
  return { comment, block }
}
