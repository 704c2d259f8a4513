import type { Db } from '../platform/db/database.ts'
import { findEdition, updateGuideSettings } from './guide.repository.ts'

/**
 * An edition leaving draft whose title (from its front matter, else its first heading) differs from
 * the edition's before it gives the guide that title: its editors changed it in the source. Only as it
 * leaves draft, since a draft's words, its title among them, are its editors' alone; and only when it
 * changed, so a title chosen in the settings stays while revisions keep the old one.
 */
export async function followRevisedTitle(
  tx: Db,
  guideId: number,
  edition: { number: number; title: string },
) {
  const previous = edition.number > 1 ? await findEdition(tx, guideId, edition.number - 1) : undefined
  if (previous && previous.title !== edition.title)
    await updateGuideSettings(tx, guideId, { title: edition.title })
}
