import type { Db } from '../platform/db/database.ts'
import type { Viewer } from '../people/viewer.ts'
import { wordsLanguages } from '../editions/words-language.service.ts'
import { triage } from './triage.service.ts'
import type { TriageView } from './urls.ts'

/**
 * What the triage page shows: the triage (as the JSON API has it), and the language of the words each
 * comment quoted from a translation, which the API leaves to its readers.
 */
export async function triagePage(db: Db, viewer: Viewer, slug: string, number: number, view: TriageView) {
  const result = await triage(db, viewer, slug, number, view)
  const wordsLang = await wordsLanguages(
    db,
    result.sections.flatMap((s) => s.comments),
  )
  return { triage: result, wordsLang }
}
