import DataLoader from 'dataloader'
import type { Db } from './database.ts'

/**
 * A lookup that every request makes (the session behind a cookie, the checks before a post), made for
 * all the requests that ask in the same turn of the event loop in one statement.
 *
 * Each statement costs the Node process more than its rows: a write to PostgreSQL's socket, which on a
 * busy machine is where the process waits while the backend it woke takes the core, then the answer's
 * parsing. Under load the event loop's turns grow long and many requests arrive in each, so the batches
 * grow with the load; alone, a request waits only for the end of its turn (`setImmediate`). Nothing is
 * kept between turns (DataLoader's cache is off): every request reads the database as it is when its
 * batch runs, as it would alone. One loader per database or transaction, so a transaction's lookups
 * never join another's.
 */
export function perTurn<K, V>(
  // An Error in a key's place fails that key's load alone.
  load: (db: Db, keys: readonly K[]) => Promise<readonly (V | undefined | Error)[]>,
): (db: Db, key: K) => Promise<V | undefined> {
  const loaders = new WeakMap<Db, DataLoader<K, V | undefined>>()
  return (db, key) => {
    let loader = loaders.get(db)
    if (!loader) {
      loader = new DataLoader((keys) => load(db, keys), {
        cache: false,
        maxBatchSize: MAX_BATCH,
        batchScheduleFn: (run) => setImmediate(run),
      })
      loaders.set(db, loader)
    }
    return loader.load(key)
  }
}

/** Enough for any turn's requests; a statement's arrays stay small. */
const MAX_BATCH = 128
