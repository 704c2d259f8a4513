import type { Db } from '../db/database.ts'
import type { EditionState } from '../db/schema.ts'
import { notFound } from '../errors.ts'
import {
  blocksOfEdition,
  editionsOfGuide,
  findEdition,
  findGuideBySlug,
  listGuidesWithEditions,
  newestEditionWithKey,
} from './guide.repository.ts'

/** Editions anyone may read; drafts are for the guide's editors (see the people issue). */
export const PUBLIC_STATES: readonly EditionState[] = ['open', 'closed', 'published']

export const listGuides = (db: Db) => listGuidesWithEditions(db, PUBLIC_STATES)

export async function getGuide(db: Db, slug: string) {
  const guide = await findGuideBySlug(db, slug)
  if (!guide) throw notFound(`The guide "${slug}"`)
  const editions = (await editionsOfGuide(db, guide.id)).filter((e) => PUBLIC_STATES.includes(e.state))
  if (editions.length === 0) throw notFound(`The guide "${slug}"`)
  return { guide, editions }
}

export async function getEdition(db: Db, slug: string, number: number) {
  const guide = await findGuideBySlug(db, slug)
  const edition = guide ? await findEdition(db, guide.id, number) : undefined
  if (!guide || !edition || !PUBLIC_STATES.includes(edition.state))
    throw notFound(`Edition ${number} of "${slug}"`)
  return { guide, edition }
}

export async function getEditionWithBlocks(db: Db, slug: string, number: number) {
  const found = await getEdition(db, slug, number)
  return { ...found, blocks: await blocksOfEdition(db, found.edition.id) }
}

export async function newestEditionNumber(db: Db, slug: string): Promise<number> {
  const { editions } = await getGuide(db, slug)
  const newest = editions[editions.length - 1]
  if (!newest) throw notFound(`The guide "${slug}"`)
  return newest.number
}

export type PermalinkTarget = { found: true; editionNumber: number } | { found: false; guideTitle: string }

/** Where `/g/:slug/p/:key` leads: the newest readable edition that still has the paragraph. */
export async function resolvePermalink(db: Db, slug: string, key: string): Promise<PermalinkTarget> {
  const guide = await findGuideBySlug(db, slug)
  if (!guide) throw notFound(`The guide "${slug}"`)
  const newest = await newestEditionWithKey(db, guide.id, key, PUBLIC_STATES)
  return newest ? { found: true, editionNumber: newest.number } : { found: false, guideTitle: guide.title }
}
