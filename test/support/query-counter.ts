import type { KyselyPlugin } from 'kysely'

/**
 * Counts every query Kysely sends, for tests that hold a page or export to a bounded number of queries
 * whatever the number of blocks and comments (ARCHITECTURE.md: never one query per block or comment).
 */
export class QueryCounter implements KyselyPlugin {
  count = 0
  transformQuery: KyselyPlugin['transformQuery'] = (args) => args.node
  // Counted as each answer arrives: a prepared statement (src/platform/db/prepared.ts) is compiled
  // once, so it passes through transformQuery only the first time it runs.
  transformResult: KyselyPlugin['transformResult'] = (args) => {
    this.count++
    return Promise.resolve(args.result)
  }
}
