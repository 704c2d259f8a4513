import type { Db } from '../platform/db/database.ts'
import type { EditionState } from '../kernel/words.ts'
import { conflict, invalid, unauthenticated } from '../kernel/errors.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { setRole } from '../people/people.repository.ts'
import { authoriseOnInstance } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import type { InitialState } from '../platform/markdown/parse.ts'
import { splitOffThread } from '../platform/markdown/split-off-thread.ts'
import type { SplitDocument } from '../platform/markdown/split.ts'
import { createHash } from 'node:crypto'
import {
  countGuides,
  findGuideBySlug,
  insertBlocks,
  insertEdition,
  insertGuide,
  slugExists,
} from './guide.repository.ts'
import { newKey } from '../kernel/keys.ts'
import { keyPage } from './page-html.ts'
import type { ImportedGuide } from './guide.schemas.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { logger } from '../platform/log.ts'

export type ImportStage = 'splitting' | 'storing'

export interface ImportOptions {
  slug?: string | undefined
  /** The state when the front matter names none. */
  defaultState?: InitialState
  onProgress?: (stage: ImportStage, done: number, total: number) => void
}

/** What an import made, as `POST /api/guides` answers it. */
export type { ImportedGuide }

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** A new guide from a Markdown source: the guide, edition 1 and its blocks, in one transaction. */
export async function importGuide(
  db: Db,
  source: string,
  options: ImportOptions = {},
): Promise<ImportedGuide> {
  options.onProgress?.('splitting', 0, 1)
  const document = await splitOffThread(source)
  const slug = options.slug ?? document.frontMatter.slug ?? slugify(document.title)
  if (!SLUG.test(slug) || slug.length > 80) {
    throw invalid('A slug is lower-case letters, digits and single hyphens, at most 80 characters.', [
      { pointer: '/slug', detail: `"${slug}" is not a valid slug.` },
    ])
  }
  if (await slugExists(db, slug)) throw conflict(`A guide with the slug "${slug}" already exists.`)
  const state = document.frontMatter.state ?? options.defaultState ?? 'draft'
  const taken = new Set<string>()
  const keys = document.blocks.map(() => newKey(taken))
  const total = document.blocks.length
  options.onProgress?.('storing', 0, total)

  await withTransaction(db, async (tx) => {
    const guide = await insertGuide(tx, {
      slug,
      title: document.title,
      summary: document.frontMatter.summary ?? '',
      lang: document.frontMatter.lang ?? 'en',
    })
    await storeEdition(tx, {
      guideId: guide.id,
      number: 1,
      state,
      source,
      document,
      keys,
      onStored: (done) => options.onProgress?.('storing', done, total),
    })
  })
  return { slug, title: document.title, editionNumber: 1, state, blockCount: total }
}

export interface EditionToStore {
  guideId: number
  number: number
  state: EditionState
  source: string
  document: SplitDocument
  /** One key per block, in order. */
  keys: readonly string[]
  onStored?: (done: number) => void
}

/** Writes an edition and its blocks (in the caller's transaction); its page carries the blocks' keys. */
export async function storeEdition(tx: Db, e: EditionToStore) {
  const { document, keys } = e
  const edition = await insertEdition(tx, {
    guideId: e.guideId,
    number: e.number,
    state: e.state,
    title: document.title,
    source: e.source,
    contentHash: contentHash(e.source),
    pageHtml: keyPage(document.page, keys),
    blockCount: document.blocks.length,
    publishedAt: e.state === 'published' ? new Date() : null,
  })
  const rows = document.blocks.map((block) => ({
    editionId: edition.id,
    ordinal: block.ordinal,
    key: keys[block.ordinal] ?? '',
    kind: block.kind,
    number: block.number,
    markdown: block.markdown,
    html: block.html,
    text: block.text,
    hash: block.hash,
    sectionPath: block.sectionPath,
  }))
  await insertBlocks(tx, rows, e.onStored)
  return edition
}

/** Whether the instance holds any guide at all: a first start imports the guides shipped in content/. */
export const hasGuides = async (db: Db) => (await countGuides(db)) > 0

export const contentHash = (source: string) => createHash('sha256').update(source).digest('hex')

/** A slug from a title: ASCII letters and digits where there are any, else a fallback. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  return slug || `guide-${Date.now().toString(36)}`
}

/** `POST /api/guides`: an admin or editor imports a guide; they become its editor. Edition 1 is a draft. */
export async function createGuide(db: Db, viewer: Viewer, markdown: string, slug: string | undefined) {
  authoriseOnInstance(viewer, 'import-guide')
  const person = viewer.person
  if (!person) throw unauthenticated()
  const imported = await importGuide(db, markdown, { slug, defaultState: 'draft' })
  const guide = await findGuideBySlug(db, imported.slug)
  if (guide) {
    await setRole(db, guide.id, person.id, 'editor')
    await recordAudit(db, {
      actorId: person.id,
      action: 'guide.imported',
      guideId: guide.id,
      subject: imported.slug,
    })
  }
  // An operator's record of what came in and who brought it (by id: the log holds no email address).
  logger.info(
    { slug: imported.slug, blocks: imported.blockCount, by: person.id },
    'imported a guide through the API',
  )
  return imported
}
