import { DomainError, notFound } from '../kernel/errors.ts'
import { recordAudit } from '../audit/audit.repository.ts'
import type { Db } from '../platform/db/database.ts'
import { withTransaction } from '../platform/db/transaction.ts'
import { splitOffThread } from '../platform/markdown/split-off-thread.ts'
import { authorise } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import { blocksOfEdition, findEdition, findGuideBySlug } from '../guides/guide.repository.ts'
import { keyPage } from '../guides/page-html.ts'
import { sameLanguage } from '../platform/i18n/languages.ts'
import { findQuotesInTranslation } from './quote-finding.service.ts'
import {
  oneSidedChanges,
  saveTranslation,
  translationLanguages,
  translationPage,
} from './translation.repository.ts'

/** How many differences a refusal lists: enough to find the first few, never a page of them. */
const LISTED = 20

/** Where a translation does not line up with its edition: how many blocks, or a block of another kind. */
export type Misalignment =
  | { is: 'count'; edition: number; translation: number }
  | { is: 'kind'; number: string; edition: string; translation: string }

const inEnglish = (d: Misalignment) =>
  d.is === 'count'
    ? `The edition has ${String(d.edition)} blocks and the translation ${String(d.translation)}.`
    : `Block ${d.number} is a ${d.edition} in the edition and a ${d.translation} in the translation.`

/**
 * A translation refused for not lining up: the problem lists each difference in English, as every
 * `detail` is, and keeps them as facts too, so a page can say them in its reader's language.
 */
export class TranslationMisaligned extends DomainError {
  constructor(
    number: number,
    readonly differences: Misalignment[],
  ) {
    const shown = differences.map(inEnglish)
    super(
      'translation-misaligned',
      `The translation does not line up with edition ${String(number)}: ${shown[0] ?? ''}`,
      shown.map((detail) => ({ pointer: '/markdown', detail })),
    )
  }
}

/**
 * An edition's text in a second language (`POST /api/guides/:slug/editions/:n/translations`), for its
 * editors, in any state, since it adds a text and changes none. The translation must split into the
 * edition's blocks one for one, of the same kinds, so each translated block takes the original's key
 * and number; otherwise it is refused with each difference listed, and nothing is stored.
 */
export async function addTranslation(
  db: Db,
  viewer: Viewer,
  slug: string,
  number: number,
  input: { lang: string; markdown: string },
) {
  const guide = await findGuideBySlug(db, slug)
  if (!guide) throw notFound(`The guide "${slug}"`)
  authorise(viewer, 'edit', guide)
  const edition = await findEdition(db, guide.id, number)
  if (!edition) throw notFound(`Edition ${String(number)} of "${slug}"`)
  if (sameLanguage(input.lang, guide.lang)) {
    const detail = `The guide is written in ${guide.lang}: a translation is in another language.`
    throw new DomainError('translation-same-language', detail, [{ pointer: '/lang', detail }])
  }
  const original = await blocksOfEdition(db, edition.id)
  // A large text is split in a worker thread, as an import's is, so the server keeps answering.
  const translated = await splitOffThread(input.markdown)
  const differences: Misalignment[] = []
  if (translated.blocks.length !== original.length)
    differences.push({ is: 'count', edition: original.length, translation: translated.blocks.length })
  for (const [i, block] of original.entries()) {
    const other = translated.blocks[i]
    if (other && other.kind !== block.kind)
      differences.push({ is: 'kind', number: block.number, edition: block.kind, translation: other.kind })
  }
  if (differences.length > 0) throw new TranslationMisaligned(number, differences.slice(0, LISTED))
  const blocks = original.map((block, i) => ({
    key: block.key,
    text: translated.blocks[i]?.text ?? '',
    html: translated.blocks[i]?.html ?? '',
  }))
  await withTransaction(db, async (tx) => {
    await saveTranslation(tx, {
      editionId: edition.id,
      lang: input.lang,
      title: translated.title,
      source: input.markdown,
      blocks,
      // Rendered with the edition's keys on its blocks, so a reading page shows it as it does its own.
      pageHtml: keyPage(
        translated.page,
        original.map((block) => block.key),
      ),
      createdBy: viewer.person?.id ?? null,
    })
    await findQuotesInTranslation(
      tx,
      edition.id,
      input.lang,
      new Map(blocks.map((block) => [block.key, block.text])),
    )
    await recordAudit(tx, {
      actorId: viewer.person?.id ?? null,
      action: 'edition.translated',
      guideId: guide.id,
      subject: `${String(number)}: ${input.lang}`,
    })
  })
  // Flagged to the editor: paragraphs this text left as they were where the edition's own moved on
  // since the edition before, or the reverse.
  const oneSided = (await oneSidedChanges(db, guide.id, number)).filter((c) => c.lang === input.lang)
  return {
    slug,
    number,
    lang: input.lang,
    title: translated.title,
    blocks: original.map((block, i) => ({
      key: block.key,
      number: block.number,
      kind: block.kind,
      text: blocks[i]?.text ?? '',
    })),
    changedOnOneSide: oneSided.map((c) => ({ number: c.blockNumber, changed: c.changed })),
  }
}

/**
 * Which text of an edition a reading page shows: the one asked for by `?text=` when the edition has it,
 * else the one in the reader's interface language when it has that, else its own. `lang` undefined
 * is the edition's own text.
 */
export async function chosenText(
  db: Db,
  edition: { id: number },
  guideLang: string,
  asked: string | undefined,
  readerLang: string,
): Promise<{ lang: string | undefined; texts: string[]; version: string }> {
  const rows = await translationLanguages(db, edition.id)
  const texts = rows.map((row) => row.lang)
  // Changes whenever a text is added or sent again, for the reading page's cache.
  const version = rows.map((row) => `${row.lang}@${String(row.createdAt.getTime())}`).join('|')
  return { lang: chooseText(texts, guideLang, asked, readerLang), texts, version }
}

/**
 * A translated block's HTML, as the reading page shows it: as the translation kept it, or, for a text
 * stored before blocks kept their HTML, its words as a paragraph.
 */
export const translatedBlockHtml = (block: { text: string; html?: string | null | undefined }) =>
  block.html ?? `<p>${block.text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`

/** chosenText's rule, given the languages an edition has a text in besides its own. */
export function chooseText(
  texts: readonly string[],
  guideLang: string,
  asked: string | undefined,
  readerLang: string,
): string | undefined {
  if (texts.length === 0) return undefined
  if (asked !== undefined) return texts.find((t) => t === asked)
  if (sameLanguage(guideLang, readerLang)) return undefined
  return texts.find((t) => sameLanguage(t, readerLang))
}

/** An edition's text in one language, its title and page, as its reading page shows it. */
export const translatedPage = (db: Db, editionId: number, lang: string) =>
  translationPage(db, editionId, lang)
