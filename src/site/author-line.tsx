import type { Lang } from '../platform/i18n/languages.ts'
import { translator } from '../platform/i18n/messages.ts'
import { requestLanguage } from '../platform/http/language.tsx'

/** What of a comment's view says who wrote it and for whom. */
interface Authored {
  author: { displayName: string; organisation: string; pseudonym?: string | undefined }
  onBehalfOf: string | null
  public: boolean
}

/**
 * Who wrote a comment, as the viewer may know them (the name, the guide's pseudonym or "A
 * participant"), with the organisation they respond for: the same words on every page that shows
 * comments (threads, triage, the moderation queue, the report).
 */
export const AuthorName = ({ comment: c, language }: { comment: Authored; language?: Lang | undefined }) => {
  const t = translator(language ?? requestLanguage())
  return (
    <>
      <strong>{c.author.displayName}</strong>
      {c.author.pseudonym ? (
        <span class="pseudonym">{t('author.pseudonym', { pseudonym: c.author.pseudonym })}</span>
      ) : null}
      {c.author.organisation ? <span class="organisation">, {c.author.organisation}</span> : null}
      {c.onBehalfOf ? (
        <span class="on-behalf-of">{t('author.onBehalfOf', { organisation: c.onBehalfOf })}</span>
      ) : null}
    </>
  )
}

/** Said on a comment its author keeps for the editors, to the only people who see it: them and its author. */
export const KeptForEditors = ({
  comment: c,
  language,
}: {
  comment: Pick<Authored, 'public'>
  language?: Lang | undefined
}) =>
  c.public ? null : (
    <span class="badge badge-private">
      {translator(language ?? requestLanguage())('author.keptForEditors')}
    </span>
  )
