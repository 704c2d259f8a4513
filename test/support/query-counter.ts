import type { KyselyPlugin } from 'kysely'

/**
 * Counts every query Kysely sends, for tests that hold a page or export to a bounded number of queries
 * whatever the number of blocks and comments (ARCHITECTURE.md: never one query per block or comment).
 */
export class QueryCounter implements KyselyPlugin {
  count = 0
  transformQuery: KyselyPlugin['transformQuery'] = (args) => {
    this.count++
    return args.node
  }
  transformResult: KyselyPlugin['transformResult'] = (args) => Promise.resolve(args.result)
}
