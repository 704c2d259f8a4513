import { declare, json } from '../platform/http/contract.ts'
import { GuideParams } from '../guides/guide.schemas.ts'
import { SearchQuery, SearchResults } from './search.schemas.ts'

/**
 * Search across every guide and in one (see search.schemas.ts for `type`, `page` and `edition`): results
 * ranked, each with its snippet as parts to mark.
 */
export const searchContract = {
  everywhere: declare({
    method: 'get',
    path: '/search',
    tag: 'search',
    summary:
      'Full-text search over blocks and the comments you may see, across guides, ranked, with highlighted snippets',
    access: 'anyone',
    request: { query: SearchQuery },
    responses: { 200: json(SearchResults, 'A page of results, best first') },
  }),
  inGuide: declare({
    method: 'get',
    path: '/guides/{slug}/search',
    tag: 'search',
    summary: 'The same search within one guide (its newest edition you may read, or `edition=n`)',
    access: 'anyone',
    request: { params: GuideParams, query: SearchQuery },
    responses: { 200: json(SearchResults, 'A page of results, best first') },
  }),
}
