import type { Db } from '../platform/db/database.ts'
import type { EditionState } from '../kernel/words.ts'
import { conflict, DomainError, invalid, unauthenticated } from '../kernel/errors.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import { setRole } from '../people/people.repository.ts'
import { authoriseOnInstance } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import type { FrontMatter, InitialState } from '../platform/markdown/parse.ts'
import { splitOffThread } from '../platform/markdown/split-off-thread.ts'
import type { SplitDocument } from '../platform/markdown/split.ts'
import { createHash } from 'node:crypto'
import { countGuides, insertBlocks, insertEdition, insertGuide, slugExists } from './guide.repository.ts'
import { newKey } from '../kernel/keys.ts'
import { keyPage } from './page-html.ts'
import { guideTitle, type ImportedGuide } from './guide.schemas.ts'
import { fieldMessage, type FieldMessageKey } from '../platform/i18n/field-messages.ts'
import { isLanguageTag } from '../platform/i18n/languages.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { logger } from '../platform/log.ts'

export type ImportStage = 'splitting' | 'storing'

export interface ImportOptions {
  slug?: string | undefined
  /** Edition 1's state whatever the front matter says (the API's import: always a draft). */
  state?: InitialState
  /** The state when the front matter names none (and `state` is not given). */
  defaultState?: InitialState
  /** What else must commit with the guide, or not at all: its importer's role, the audit entry. */
  alsoInTransaction?: (tx: Db, guide: { id: number; slug: string }) => Promise<void>
  onProgress?: (stage: ImportStage, done: number, total: number) => void
}

/** What an import made, as `POST /api/guides` answers it. */
export type { ImportedGuide }

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/
const isSlug = (slug: string) => SLUG.test(slug) && slug.length <= 80

/** A refusal of the front matter: a line of the `markdown` sent, so the pointer is that field. */
const frontMatterRefused = (key: FieldMessageKey) => {
  const message = fieldMessage(key)
  return new DomainError('invalid-front-matter', message, [{ pointer: '/markdown', detail: message }])
}

/**
 * The front matter says what the settings and a translation would: its title is a guide's title (the
 * settings' one definition), its lang a language tag as a translation's, its slug a slug.
 */
export function checkFrontMatter(front: FrontMatter) {
  if (front.title !== undefined && !guideTitle().safeParse(front.title).success)
    throw frontMatterRefused('field.frontMatterTitle')
  if (front.lang !== undefined && !isLanguageTag(front.lang))
    throw frontMatterRefused('field.frontMatterLang')
  if (front.slug !== undefined && !isSlug(front.slug)) throw frontMatterRefused('field.frontMatterSlug')
}

/** A new guide from a Markdown source: the guide, edition 1 and its blocks, in one transaction. */
export async function importGuide(
  db: Db,
  source: string,
  options: ImportOptions = {},
): Promise<ImportedGuide> {
  options.onProgress?.('splitting', 0, 1)
  const document = await splitOffThread(source)
  checkFrontMatter(document.frontMatter)
  const slug = options.slug ?? document.frontMatter.slug ?? slugify(document.title)
  if (!isSlug(slug)) {
    // The slug the request gave is its own field; one from the front matter is a line of the text.
    if (options.slug === undefined) throw frontMatterRefused('field.frontMatterSlug')
    throw invalid('A slug is lower-case letters, digits and single hyphens, at most 80 characters.', [
      { pointer: '/slug', detail: `"${slug}" is not a valid slug.` },
    ])
  }
  if (await slugExists(db, slug)) throw conflict(`A guide with the slug "${slug}" already exists.`)
  const state = options.state ?? document.frontMatter.state ?? options.defaultState ?? 'draft'
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
    await options.alsoInTransaction?.(tx, { id: guide.id, slug })
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
  // SPEC.md: edition 1 of a guide imported through the API is a draft, whatever its front matter says.
  // The guide, its importer's role and the audit entry commit together.
  const imported = await importGuide(db, markdown, {
    slug,
    state: 'draft',
    alsoInTransaction: async (tx, guide) => {
      await setRole(tx, guide.id, person.id, 'editor')
      await recordAudit(tx, {
        actorId: person.id,
        action: 'guide.imported',
        guideId: guide.id,
        subject: guide.slug,
      })
    },
  })
  // An operator's record of what came in and who brought it (by id: the log holds no email address).
  logger.info(
    { slug: imported.slug, blocks: imported.blockCount, by: person.id },
    'imported a guide through the API',
  )
  return imported
}
