import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { MAX_QUERY_LENGTH } from '../search.schemas.ts'

/** The small search form on the list of guides and on an edition's page; `label` in the page's language. */
export const SearchBox = (p: {
  action: string
  label: string
  language: Lang
  edition?: number | undefined
}) => (
  <form class="search-box" method="get" action={p.action} role="search">
    <label for="search-box-q">{p.label}</label>
    <input id="search-box-q" type="search" name="q" maxlength={MAX_QUERY_LENGTH} />
    {p.edition === undefined ? null : <input type="hidden" name="edition" value={String(p.edition)} />}
    <button class="button" type="submit">
      {translator(p.language)('search.button')}
    </button>
  </form>
)
