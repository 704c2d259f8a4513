import { commentView, type CommentView } from '../comments/comment.service.ts'
import type { Db } from '../platform/db/database.ts'
import {
  DECISIONS,
  HIDE_REASONS,
  type CommentState,
  type Decision,
  type EditionState,
  type HideReason,
  type LineageChange,
} from '../kernel/words.ts'
import { notFound } from '../kernel/errors.ts'
import { findEdition, findGuideBySlug } from '../guides/guide.repository.ts'
import { redlineParts, type RedlinePart } from '../lineage/redline.ts'
import { normaliseText } from '../platform/markdown/text.ts'
import { may } from '../people/policy.ts'
import { publicViewer, type Viewer } from '../people/viewer.ts'
import {
  reportAcceptances,
  reportComments,
  reportOriginBlocks,
  reportPlacements,
  hiddenByReason,
} from './report.repository.ts'
import { campaignsInReport, type ReportCampaign } from '../campaigns/campaign-report.service.ts'
import { themesInReport, type ReportTheme } from '../themes/theme-report.service.ts'

/** What became of a comment's paragraph by the reported edition; `not traced` only for data Gloss never placed. */
export type ReportChange = Exclude<LineageChange, 'new'> | 'not traced'

/** Where a comment's paragraph went in the reported edition: its key there (null: removed), and the redline. */
export interface ReportLanding {
  key: string | null
  number: string | null
  change: ReportChange
  /** From the words the comment was written on to the words of the reported edition; null when the same. */
  redline: RedlinePart[] | null
}

export interface ReportItem {
  comment: CommentView
  /** Null for the general discussion, which is about no paragraph. */
  landing: ReportLanding | null
  /** An accepted suggestion's wording went into this edition (by this report's edition); else null. */
  takenInto: number | null
}

export interface ReportBlock {
  key: string
  ordinal: number
  number: string
  kind: string
  text: string
  sectionPath: string[]
  items: ReportItem[]
}

export interface ReportSection {
  path: string[]
  blocks: ReportBlock[]
}

export interface ReportEdition {
  number: number
  sections: ReportSection[]
  general: ReportItem[]
}

export interface Report {
  guide: { slug: string; title: string; lang: string; namesPublic: boolean }
  edition: { number: number; title: string; state: EditionState; publishedAt: Date | null }
  /** An editor looking at the report of an edition that is not public yet. */
  preview: boolean
  summary: {
    comments: number
    people: number
    /** How many of the comments were made on behalf of an organisation. */
    onBehalfOfOrganisations: number
    /** Decisions on the comments still standing: a withdrawn comment counts in `withdrawn` alone. */
    decisions: { decision: Decision; count: number }[]
    /** Comments their authors withdrew: they wait for no decision, so none counts as open. */
    withdrawn: number
    /** Comments moderators hid, by reason code, in the codes' order; never their words. */
    hiddenByReason: { reasonCode: HideReason; count: number }[]
  }
  /** Near-identical comments of three or more people, each answered once, listed before the record. */
  campaigns: ReportCampaign[]
  /** The editors' themes, each with its one response and the paragraphs its comments touched. */
  themes: ReportTheme[]
  editions: ReportEdition[]
}

/**
 * The "you said, we did" report of an edition: every top-level comment the public may read that was
 * written on an earlier edition, grouped by edition, section and paragraph, with its decision and
 * where its paragraph went in this edition. Public once the edition is published; before that only its
 * editors may preview it. Names follow the public's rules whoever asks, so the page is the same for
 * everyone and may be cached. Three queries for the comments however many there are.
 */
export async function editionReport(db: Db, viewer: Viewer, slug: string, number: number): Promise<Report> {
  const guide = await findGuideBySlug(db, slug)
  const edition = guide ? await findEdition(db, guide.id, number) : undefined
  const editor = guide !== undefined && may(viewer, 'read-drafts', guide)
  if (!guide || !edition || (edition.state !== 'published' && !editor))
    throw notFound(`The report on edition ${String(number)} of "${slug}"`)

  const [rows, origins, placements, acceptances] = await Promise.all([
    reportComments(db, guide.id, number),
    reportOriginBlocks(db, guide.id, number),
    reportPlacements(db, edition.id),
    reportAcceptances(db, guide.id),
  ])
  const originOf = new Map(origins.map((o) => [`${String(o.editionId)}:${o.key}`, o]))
  const [campaigns, themes] = await Promise.all([
    campaignsInReport(db, rows),
    themesInReport(db, guide.id, rows, (editionId, key) => originOf.get(`${String(editionId)}:${key}`)),
  ])
  // Accepted into the draft begun from edition n, the wording is in edition n + 1 once that exists:
  // this report's edition, or one before it. The public page names no edition still held as a draft
  // (a published edition 4 after a draft 3 would reveal it); an editor previewing that draft's own
  // report is told.
  const acceptedOnto = new Map(acceptances.map((a) => [a.commentId, a]))
  const takenInto = (row: (typeof rows)[number]) => {
    const accepted = acceptedOnto.get(row.id)
    if (row.decision !== 'accepted' || accepted === undefined) return null
    const into = accepted.baseNumber + 1
    return into <= number && (into === number || !accepted.intoDraft) ? into : null
  }
  const placementOf = new Map(placements.flatMap((p) => p.commentIds.map((id) => [id, p] as const)))
  const redlines = new Map<string, RedlinePart[] | null>()
  const redlineOf = (from: string, to: string, cacheKey: string) => {
    let parts = redlines.get(cacheKey)
    if (parts === undefined) {
      parts = normaliseText(from) === normaliseText(to) ? null : redlineParts(from, to)
      redlines.set(cacheKey, parts)
    }
    return parts
  }

  const landingOf = (row: (typeof rows)[number], originText: string): ReportLanding => {
    const placed = placementOf.get(row.id)
    if (!placed) return { key: null, number: null, change: 'not traced', redline: null }
    if (placed.blockKey === null || placed.text === null)
      return { key: null, number: null, change: 'removed', redline: null }
    const redline = redlineOf(
      originText,
      placed.text,
      `${String(row.editionId)}:${row.blockKey ?? ''}>${placed.blockKey}`,
    )
    // The stored lineage says exactly what happened between consecutive editions; across a gap the
    // words tell whether the paragraph changed.
    const stored = row.editionNumber === number - 1 ? placed.change : null
    const change: ReportChange =
      stored && stored !== 'new' && stored !== 'removed' ? stored : redline ? 'edited' : 'unchanged'
    return { key: placed.blockKey, number: placed.number, change, redline }
  }

  // Names as the public reads them, in the reader's language ("Adolygydd 17").
  const publicView = { ...publicViewer(), ...(viewer.lang ? { lang: viewer.lang } : {}) }
  const byEdition = new Map<number, { blocks: Map<string, ReportBlock>; general: ReportItem[] }>()
  for (const row of rows) {
    let group = byEdition.get(row.editionNumber)
    if (!group) {
      group = { blocks: new Map(), general: [] }
      byEdition.set(row.editionNumber, group)
    }
    const comment = reportedView(row, commentView(row, guide, publicView, false))
    if (row.blockKey === null) {
      group.general.push({ comment, landing: null, takenInto: null })
      continue
    }
    let block = group.blocks.get(row.blockKey)
    if (!block) {
      const origin = originOf.get(`${String(row.editionId)}:${row.blockKey}`)
      block = {
        key: row.blockKey,
        ordinal: origin?.ordinal ?? Number.MAX_SAFE_INTEGER,
        number: origin?.number ?? '',
        kind: origin?.kind ?? 'paragraph',
        text: origin?.text ?? '',
        sectionPath: origin?.sectionPath ?? [],
        items: [],
      }
      group.blocks.set(row.blockKey, block)
    }
    block.items.push({ comment, landing: landingOf(row, block.text), takenInto: takenInto(row) })
  }

  const hidden = new Map(
    (await hiddenByReason(db, guide.id, number)).map((r) => [r.reasonCode ?? 'other', Number(r.count)]),
  )
  const counts = new Map<Decision, number>()
  let withdrawn = 0
  for (const row of rows)
    if (row.state === 'withdrawn') withdrawn += 1
    else counts.set(row.decision, (counts.get(row.decision) ?? 0) + 1)
  return {
    guide: { slug: guide.slug, title: guide.title, lang: guide.lang, namesPublic: guide.namesPublic },
    edition: {
      number: edition.number,
      title: edition.title,
      state: edition.state,
      publishedAt: edition.publishedAt,
    },
    preview: edition.state !== 'published',
    summary: {
      comments: rows.length,
      people: new Set(rows.map((r) => r.authorId)).size,
      onBehalfOfOrganisations: rows.filter((r) => r.onBehalfOf !== null).length,
      decisions: DECISIONS.flatMap((decision) => {
        const count = counts.get(decision) ?? 0
        return count > 0 ? [{ decision, count }] : []
      }),
      withdrawn,
      hiddenByReason: HIDE_REASONS.flatMap((reasonCode) => {
        const count = hidden.get(reasonCode) ?? 0
        return count > 0 ? [{ reasonCode, count }] : []
      }),
    },
    campaigns,
    themes,
    editions: [...byEdition].map(([editionNumber, group]) => ({
      number: editionNumber,
      sections: sectionsOf([...group.blocks.values()].sort((a, b) => a.ordinal - b.ordinal)),
      general: group.general,
    })),
  }
}

/**
 * A comment as the report lists it. Withdrawn before any decision, it waits for none (its author took
 * their words back), so it shows no decision rather than "open"; one decided before it was withdrawn
 * keeps that decision in the record.
 */
const reportedView = (row: { state: CommentState; decision: Decision }, view: CommentView): CommentView =>
  row.state === 'withdrawn' && row.decision === 'open' ? { ...view, decision: null } : view

/** Blocks in reading order, gathered under the headings they stand in. */
function sectionsOf(blocks: readonly ReportBlock[]): ReportSection[] {
  const sections: ReportSection[] = []
  for (const block of blocks) {
    const last = sections[sections.length - 1]
    if (last && last.path.join('\u0000') === block.sectionPath.join('\u0000')) last.blocks.push(block)
    else sections.push({ path: block.sectionPath, blocks: [block] })
  }
  return sections
}
