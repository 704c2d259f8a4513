import type { Db } from '../platform/db/database.ts'
import type { EditionState, GuideRole } from '../kernel/words.ts'
import { notFound } from '../kernel/errors.ts'
import { countByBlock } from '../comments/comment.repository.ts'
import { editionsAfter, removedBlockCount, successorsOf } from '../editions/edition.repository.ts'
import { guideEventCount } from './margin-counts.repository.ts'
import { landingOf } from '../editions/landing.ts'
import { currentEdition } from './current-edition.ts'
import { may, roleOn } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import {
  blocksOfEdition,
  editionsOfGuide,
  findEdition,
  findGuideBySlug,
  findGuideWithEditionIn,
  listGuidesWithEditions,
  marginsOfEdition,
  newestEditionWithKey,
  pageHtmlOf,
} from './guide.repository.ts'

/** How many events a guide has had: an edition page's margins show counts that change with any of them. */
export const guideEvents = (db: Db, guideId: number) => guideEventCount(db, guideId)

/**
 * What an edition's page is made of, read together: its stored HTML, each block's margin, how many of its
 * blocks were removed, and the comments on each block when it takes feedback (one grouped query).
 */
export const editionPageParts = (db: Db, editionId: number, withCounts: boolean) =>
  Promise.all([
    pageHtmlOf(db, editionId),
    marginsOfEdition(db, editionId),
    removedBlockCount(db, editionId),
    withCounts ? countByBlock(db, editionId) : undefined,
  ])

/** Each block of an edition with its HTML, in order: the side-by-side page lays them out row by row. */
export const blocksWithHtml = (db: Db, editionId: number) => blocksOfEdition(db, editionId)

/** Whether this viewer reads the guide's drafts; false for the public and for a guide that does not exist. */
export async function readsDrafts(db: Db, viewer: Viewer, slug: string) {
  if (!viewer.person) return false
  const guide = await findGuideBySlug(db, slug)
  return guide !== undefined && may(viewer, 'read-drafts', guide)
}

/** Editions anyone may read; drafts are for the guide's editors and admins. */
export const PUBLIC_STATES: readonly EditionState[] = ['open', 'closed', 'published']
const ALL_STATES: readonly EditionState[] = ['draft', ...PUBLIC_STATES]

/** Which edition states this viewer may read of a guide: every state for its editors, else the public ones. */
export const readableStates = (viewer: Viewer, guideId: number) =>
  may(viewer, 'read-drafts', { id: guideId }) ? ALL_STATES : PUBLIC_STATES

/** Who may know of a guide held only in draft: admins and anyone with a role on it. */
const hasPartIn = (viewer: Viewer, guideId: number) =>
  viewer.person !== null && (viewer.person.isAdmin || viewer.roles.has(guideId))

/**
 * How this viewer may know that a guide exists: `public` for a guide with an edition anyone may read
 * (for good, since an edition never goes back to draft), `personal` for one held only in draft that
 * they have a part in, and undefined where, to them, it does not exist.
 */
export async function guideKnowledge(
  db: Db,
  viewer: Viewer,
  slug: string,
): Promise<'public' | 'personal' | undefined> {
  const found = await findGuideWithEditionIn(db, slug, PUBLIC_STATES)
  if (!found) return undefined
  if (found.hasEdition) return 'public'
  return hasPartIn(viewer, found.id) ? 'personal' : undefined
}

/**
 * The guide behind a slug. One this viewer may not know of is not found, in the very words used for a
 * slug that does not exist, so no answer tells a draft from nothing.
 */
export async function findKnownGuide(db: Db, viewer: Viewer, slug: string) {
  const guide = (await guideKnowledge(db, viewer, slug)) ? await findGuideBySlug(db, slug) : undefined
  if (!guide) throw notFound(`The guide "${slug}"`)
  return guide
}

/** Guides with an edition anyone may read, and for editors and admins the guides they hold in draft. */
export async function listGuides(db: Db, viewer: Viewer) {
  const readable = await listGuidesWithEditions(db, PUBLIC_STATES)
  if (!viewer.person) return readable
  const all = await listGuidesWithEditions(db, ALL_STATES)
  return all
    .filter((g) => may(viewer, 'read-drafts', { id: g.id }) || readable.some((r) => r.id === g.id))
    .map((g) => (may(viewer, 'read-drafts', { id: g.id }) ? g : (readable.find((r) => r.id === g.id) ?? g)))
}

export async function getGuide(db: Db, slug: string, viewer: Viewer) {
  const guide = await findGuideBySlug(db, slug)
  if (!guide) throw notFound(`The guide "${slug}"`)
  const states = readableStates(viewer, guide.id)
  const editions = (await editionsOfGuide(db, guide.id)).filter((e) => states.includes(e.state))
  if (editions.length === 0) throw notFound(`The guide "${slug}"`)
  return { guide, editions }
}

export async function getEdition(db: Db, slug: string, number: number, viewer: Viewer) {
  const guide = await findGuideBySlug(db, slug)
  const edition = guide ? await findEdition(db, guide.id, number) : undefined
  if (!guide || !edition || !readableStates(viewer, guide.id).includes(edition.state)) {
    throw notFound(`Edition ${number} of "${slug}"`)
  }
  return { guide, edition }
}

export async function getEditionWithBlocks(db: Db, slug: string, number: number, viewer: Viewer) {
  const found = await getEdition(db, slug, number, viewer)
  return { ...found, blocks: await blocksOfEdition(db, found.edition.id) }
}

/** `GET /api/guides`: the guides this viewer may read, each with the newest edition of it they may. */
export async function guideList(db: Db, viewer: Viewer) {
  const guides = await listGuides(db, viewer)
  return {
    items: guides.map((g) => ({
      slug: g.slug,
      title: g.title,
      summary: g.summary,
      lang: g.lang,
      newestEdition: { number: g.editionNumber, state: g.editionState },
    })),
    next: null,
  }
}

/** `GET /api/guides/:slug`: the guide and the editions of it this viewer may read. */
export async function guideView(db: Db, slug: string, viewer: Viewer) {
  const { guide, editions } = await getGuide(db, slug, viewer)
  return {
    slug: guide.slug,
    title: guide.title,
    summary: guide.summary,
    lang: guide.lang,
    editions: editions.map((e) => ({
      number: e.number,
      state: e.state,
      title: e.title,
      opensAt: e.opensAt,
      closesAt: e.closesAt,
      createdAt: e.createdAt,
      publishedAt: e.publishedAt,
      blockCount: e.blockCount,
    })),
  }
}

/** `GET /api/guides/:slug/editions/:n`: the edition and its blocks, each counted in one grouped query. */
export async function editionView(db: Db, slug: string, number: number, viewer: Viewer) {
  const { guide, edition, blocks } = await getEditionWithBlocks(db, slug, number, viewer)
  const counts = await countByBlock(db, edition.id)
  return {
    guide: guide.slug,
    number: edition.number,
    state: edition.state,
    title: edition.title,
    opensAt: edition.opensAt,
    closesAt: edition.closesAt,
    createdAt: edition.createdAt,
    publishedAt: edition.publishedAt,
    contentHash: edition.contentHash,
    blocks: blocks.map((b) => ({
      key: b.key,
      ordinal: b.ordinal,
      kind: b.kind,
      number: b.number,
      sectionPath: b.sectionPath,
      text: b.text,
      html: b.html,
      commentCount: counts.get(b.key) ?? 0,
    })),
  }
}

/**
 * Where a guide's own address takes this viewer: to its current edition (current-edition.ts), or, for
 * someone with a part in a guide that has no edition they may read yet (a reviewer who joined before the
 * consultation opened), to word that it is not open yet, with their role. To anyone else such a guide is
 * not found, in the words used for a slug that does not exist.
 */
export async function guideAddress(
  db: Db,
  slug: string,
  viewer: Viewer,
): Promise<{ number: number } | { notOpen: { title: string; role: GuideRole } }> {
  const guide = await findGuideBySlug(db, slug)
  if (!guide) throw notFound(`The guide "${slug}"`)
  const states = readableStates(viewer, guide.id)
  const current = currentEdition(
    (await editionsOfGuide(db, guide.id)).filter((e) => states.includes(e.state)),
  )
  if (current) return { number: current.number }
  const role = roleOn(viewer, guide.id)
  if (role !== undefined) return { notOpen: { title: guide.title, role } }
  throw notFound(`The guide "${slug}"`)
}

export type PermalinkTarget =
  | { found: true; editionNumber: number; key: string }
  | { found: false; guideTitle: string; lastSeen?: { editionNumber: number; key: string; removedIn: number } }

/**
 * Where `/g/:slug/p/:key` leads: the newest edition this viewer may read that has the paragraph, found
 * by following lineage forward, so a paragraph merged into another or split leads to where its words went.
 * A paragraph that was removed leads nowhere, and the answer says where it was last seen.
 */
export async function resolvePermalink(
  db: Db,
  slug: string,
  key: string,
  viewer: Viewer,
): Promise<PermalinkTarget> {
  const guide = await findGuideBySlug(db, slug)
  if (!guide) throw notFound(`The guide "${slug}"`)
  const states = readableStates(viewer, guide.id)
  const newest = await newestEditionWithKey(db, guide.id, key, states)
  if (!newest) return { found: false, guideTitle: guide.title }
  // The edition the guide's own address shows this viewer: a removal in a later edition (a revision
  // under consultation, or a draft) is only proposed, and the paragraph still stands in the text in force.
  const inForce = currentEdition(
    (await editionsOfGuide(db, guide.id)).filter((e) => states.includes(e.state)),
  )
  let at = { editionNumber: newest.number, key }
  let current: string = key
  for (const edition of await editionsAfter(db, guide.id, newest.number)) {
    // Lineage into an edition the viewer may not read is not followed: what a draft does to a paragraph
    // (its keys, its number, that it removes it) is for its editors.
    if (!states.includes(edition.state)) break
    const next = landingOf(await successorsOf(db, edition.id, current), current, null)
    if (next === null) {
      if (inForce !== undefined && edition.number > inForce.number) break
      return { found: false, guideTitle: guide.title, lastSeen: { ...at, removedIn: edition.number } }
    }
    current = next
    at = { editionNumber: edition.number, key: current }
  }
  return { found: true, ...at }
}
