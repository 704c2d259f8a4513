import { commentEtag } from '../comments/comment.service.ts'
import type { Db } from '../platform/db/database.ts'
import type { GuideRow } from '../platform/db/schema.ts'
import type { CommentKind, CommentState, Decision } from '../kernel/words.ts'
import { getEdition } from '../guides/reading.service.ts'
import { findGuideBySlug } from '../guides/guide.repository.ts'
import { notFound } from '../kernel/errors.ts'
import { campaignsForTriage } from '../campaigns/campaign-triage.service.ts'
import { themesForTriage, themesOnPage } from '../themes/theme-triage.service.ts'
import { authorise, namesFor } from '../people/policy.ts'
import { shownAuthor } from '../people/shown-name.ts'
import type { Viewer } from '../people/viewer.ts'
import { flagsByComment, type FlagView } from '../moderation/flag.repository.ts'
import { rewordedSinceDraft } from './draft-changes.repository.ts'
import {
  decisionHistories,
  flaggedAndDrafts,
  replyCounts,
  triageBlocks,
  triageDetails,
  triageList,
  triageSummary,
  type TriageFilters,
  type TriageListRow,
  type TriageRow,
} from './triage.repository.ts'

/** Comments per page of the list: a page an editor's browser (or phone) can hold, with a form on each. */
export const TRIAGE_PAGE_SIZE = 200

/**
 * Where a comment shows on the triage page: a block's key, `general` (the general discussion) or
 * `removed` (comments on removed text). Keys are eight characters, so neither word is one.
 */
export type TriagePlaceKey = string

const placeOf = (row: TriageListRow, keys: ReadonlySet<string>): TriagePlaceKey => {
  const carried = row.placedId !== null
  const key = carried ? row.placedKey : row.blockKey
  if (key === null) return carried ? 'removed' : 'general'
  return keys.has(key) ? key : 'removed'
}

/** The comment's unreleased decision, if its editors have one. */
const draftOf = (row: TriageRow) =>
  row.draftDecision === null || row.draftDecidedAt === null
    ? null
    : {
        decision: row.draftDecision,
        response: row.draftResponse ?? '',
        duplicateOf: row.draftDuplicateOf === null ? null : String(row.draftDuplicateOf),
        decidedAt: row.draftDecidedAt,
      }

const commentOf = (
  viewer: Viewer,
  guide: Pick<GuideRow, 'id' | 'names' | 'retentionAppliedAt'>,
  row: TriageRow,
  replies: number,
  history: Awaited<ReturnType<typeof decisionHistories>>,
  flags: FlagView[],
  themes: { id: string; name: string }[],
  reworded = false,
) => ({
  id: String(row.id),
  kind: row.kind,
  state: row.state,
  // A withdrawn comment keeps its words in the record, but nobody shows them (as commentView does).
  html: row.state === 'withdrawn' ? '' : row.html,
  quote: row.state === 'withdrawn' ? null : row.quote,
  /** A suggestion's paragraph with its wording applied, word by word. */
  proposalRedline: row.state === 'withdrawn' ? null : row.proposalRedline,
  agreements: row.agreements,
  hiddenReason: row.hiddenReason,
  createdAt: row.createdAt,
  author: shownAuthor(row, namesFor(viewer, guide, row.authorId), guide.names, viewer.lang),
  /** Whether its author lets it be published: triage counts and shows it either way. */
  public: row.public,
  onBehalfOf: row.onBehalfOf,
  decision: {
    decision: row.decision,
    response: row.response,
    duplicateOf: row.duplicateOf === null ? null : String(row.duplicateOf),
    decidedAt: row.decidedAt,
  },
  /** The decision kept among the editors until released; `decision` is what everyone else sees meanwhile. */
  draft: draftOf(row),
  /** Its author changed its words after that draft was saved (draft-changes.repository.ts). */
  draftReworded: reworded,
  etag: commentEtag(row, draftOf(row) ?? undefined),
  replies,
  /** Where it was written; `carried` when that is an earlier edition. */
  origin: { edition: row.editionNumber, blockKey: row.blockKey, carried: row.placedId !== null },
  history: history.map((h) => ({
    decision: h.decision,
    response: h.response,
    duplicateOf: h.duplicateOf === null ? null : String(h.duplicateOf),
    decidedAt: h.decidedAt,
    decidedBy: h.decidedByName,
  })),
  /** Open flags, with who raised them: this page is for the guide's editors only. */
  flags,
  /** The guide's themes it is gathered under. */
  themes,
})

export type TriageComment = ReturnType<typeof commentOf>

export interface TriageSection {
  place: TriagePlaceKey
  /** The block, for a block's section. */
  block: { key: string; number: string; kind: string; text: string } | null
  comments: TriageComment[]
  /** The section began on an earlier page. */
  continued: boolean
  /** How many comments the section has under the filters, on every page. */
  total: number
}

/**
 * How many comments shown here have each kind, decision and state, and how many are flagged (whatever the
 * filters), each as its filter lists them: a withdrawn comment waits for no decision and is listed only
 * under its state (`triageList`), so it counts there alone.
 */
function tally(rows: Awaited<ReturnType<typeof triageSummary>>, flagged: number) {
  const kinds: Partial<Record<CommentKind, number>> = {}
  const decisions: Partial<Record<Decision, number>> = {}
  const states: Partial<Record<CommentState, number>> = {}
  let all = 0
  for (const row of rows) {
    states[row.state] = (states[row.state] ?? 0) + row.count
    if (row.state === 'withdrawn') continue
    kinds[row.kind] = (kinds[row.kind] ?? 0) + row.count
    decisions[row.decision] = (decisions[row.decision] ?? 0) + row.count
    all += row.count
  }
  return { kinds, decisions, states, all, flagged }
}

/** Theme names in order, comments under no theme after every theme. */
const byTheme = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b)

/**
 * An edition's feedback for its editors: every top-level comment shown on it (written there or carried
 * in), filtered, in reading order, one page of the list at a time, with a count per block for the heat
 * strip. A fixed handful of queries, whatever the number of blocks and comments.
 */
export async function triage(
  db: Db,
  viewer: Viewer,
  slug: string,
  number: number,
  view: TriageFilters & { page: number },
) {
  const found = await findGuideBySlug(db, slug)
  if (!found) throw notFound(`The guide "${slug}"`)
  authorise(viewer, 'decide', found)
  const { guide, edition } = await getEdition(db, slug, number, viewer)
  const place = { guideId: guide.id, editionId: edition.id }
  const [blocks, rows, summary, { flagged, drafts }, campaigns, themes] = await Promise.all([
    triageBlocks(db, edition.id),
    triageList(db, place, view),
    triageSummary(db, place),
    flaggedAndDrafts(db, place),
    campaignsForTriage(db, edition.id, viewer.lang ?? 'en'),
    themesForTriage(db, guide.id, edition.id, view.suggest === true),
  ])

  const keys = new Set(blocks.map((b) => b.key))
  const ordinalOf = new Map(blocks.map((b) => [b.key, b.ordinal]))
  const rank = (p: TriagePlaceKey) =>
    p === 'general' ? -1 : p === 'removed' ? Number.MAX_SAFE_INTEGER : (ordinalOf.get(p) ?? -1)
  // A campaign is one item (above the list), so its members are not listed again one by one; the
  // count says how many the filters matched there, so the figures add up to the filters' totals.
  const campaigned = rows.filter((row) => campaigns.campaignOf.has(row.id))
  const placed = rows
    .filter((row) => !campaigns.campaignOf.has(row.id))
    .map((row) => ({ row, place: placeOf(row, keys) }))
    .sort(
      (a, b) =>
        (view.mostAgreed ? b.row.agreements - a.row.agreements : 0) ||
        (view.byTheme ? byTheme(a.row.firstTheme, b.row.firstTheme) : 0) ||
        rank(a.place) - rank(b.place) ||
        a.row.id - b.row.id,
    )

  const pages = Math.max(1, Math.ceil(placed.length / TRIAGE_PAGE_SIZE))
  const page = Math.min(view.page, pages)
  const countOf = new Map<TriagePlaceKey, number>()
  const firstPageOf = new Map<TriagePlaceKey, number>()
  placed.forEach(({ place: p }, index) => {
    countOf.set(p, (countOf.get(p) ?? 0) + 1)
    if (!firstPageOf.has(p)) firstPageOf.set(p, Math.floor(index / TRIAGE_PAGE_SIZE) + 1)
  })

  // The heat strip counts every comment the filters match where it was written, campaign members
  // too: a paragraph whose feedback is all in a campaign has had the most said about it, not none.
  const campaignedOf = new Map<TriagePlaceKey, number>()
  const campaignAt = new Map<TriagePlaceKey, string>()
  for (const row of campaigned) {
    const p = placeOf(row, keys)
    campaignedOf.set(p, (campaignedOf.get(p) ?? 0) + 1)
    if (!campaignAt.has(p)) campaignAt.set(p, String(campaigns.campaignOf.get(row.id)))
  }
  const heatOf = (p: TriagePlaceKey) => ({
    count: (countOf.get(p) ?? 0) + (campaignedOf.get(p) ?? 0),
    inCampaigns: campaignedOf.get(p) ?? 0,
    page: firstPageOf.get(p) ?? null,
    /** A campaign its comments here are in, to link to where none are listed one by one. */
    campaign: campaignAt.get(p) ?? null,
  })

  const onPage = placed.slice((page - 1) * TRIAGE_PAGE_SIZE, page * TRIAGE_PAGE_SIZE)
  const ids = onPage.map(({ row }) => row.id)
  const [details, replies, histories, flags, themesOf, reworded] = await Promise.all([
    triageDetails(db, place, ids),
    replyCounts(db, ids),
    decisionHistories(db, ids),
    flagsByComment(db, ids, viewer.lang ?? 'en'),
    themesOnPage(db, ids),
    rewordedSinceDraft(db, ids),
  ])
  const detailOf = new Map(details.map((d) => [d.id, d]))
  const repliesOf = new Map(replies.map((r) => [r.parentId, r.count]))
  const historyOf = new Map<number, typeof histories>()
  for (const h of histories) historyOf.set(h.commentId, [...(historyOf.get(h.commentId) ?? []), h])
  const blockOf = new Map(blocks.map((b) => [b.key, b]))

  const sections: TriageSection[] = []
  for (const { row: listed, place: p } of onPage) {
    // Changed between the two queries (withdrawn, say, under a filter): shown as it is now.
    const row = detailOf.get(listed.id)
    if (!row) continue
    let section = sections[sections.length - 1]
    if (section?.place !== p) {
      const block = blockOf.get(p)
      section = {
        place: p,
        block: block ? { key: block.key, number: block.number, kind: block.kind, text: block.text } : null,
        comments: [],
        continued: (firstPageOf.get(p) ?? page) < page,
        total: countOf.get(p) ?? 0,
      }
      sections.push(section)
    }
    section.comments.push(
      commentOf(
        viewer,
        guide,
        row,
        repliesOf.get(row.id) ?? 0,
        historyOf.get(row.id) ?? [],
        flags.get(String(row.id)) ?? [],
        themesOf.get(String(row.id)) ?? [],
        reworded.has(row.id),
      ),
    )
  }

  return {
    guide: { slug: guide.slug, title: guide.title, lang: guide.lang },
    edition: { number: edition.number, title: edition.title, state: edition.state },
    /**
     * Every block in order, for the heat strip: how many comments the filters match on it (those in
     * campaigns among them), and the page where those listed one by one begin.
     */
    heat: blocks.map((b) => ({ key: b.key, number: b.number, ...heatOf(b.key) })),
    general: heatOf('general'),
    removed: heatOf('removed'),
    sections,
    shown: placed.length,
    places: countOf.size,
    /** Comments the filters match that are in campaigns (answered there, not listed), and in how many. */
    inCampaigns: {
      comments: campaigned.length,
      campaigns: new Set(campaigned.map((row) => campaigns.campaignOf.get(row.id))).size,
    },
    page,
    pages,
    pageSize: TRIAGE_PAGE_SIZE,
    totals: tally(summary, flagged),
    /** Draft decisions not yet released, on every edition of the guide. */
    drafts,
    /** Near-identical comments of three or more people, each answered once (src/campaigns/). */
    campaigns: campaigns.items,
    /** The guide's themes, where they fall on this edition, and suggested ones (src/themes/). */
    themes,
    /** Every comment the filters show, on every page (campaign members apart): what bulk tagging tags. */
    shownIds: placed.map(({ row }) => String(row.id)),
  }
}

export type Triage = Awaited<ReturnType<typeof triage>>
