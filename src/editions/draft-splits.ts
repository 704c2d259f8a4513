import { createHash } from 'node:crypto'
import { splitOffThread } from '../platform/markdown/split-off-thread.ts'
import type { SplitDocument } from '../platform/markdown/split.ts'

/**
 * Splitting a 760-block guide takes most of a second, and the draft page, each change and the page after
 * it all need the same split: the last few are kept, by the hash of their source (as promises, so two
 * requests for one source split it once).
 */
const SPLITS_KEPT = 4
const splits = new Map<string, Promise<SplitDocument>>()
const sourceHash = (source: string) => createHash('sha256').update(source).digest('base64url')

export function splitDraft(source: string): Promise<SplitDocument> {
  const hash = sourceHash(source)
  let document = splits.get(hash)
  if (document) splits.delete(hash)
  else {
    document = splitOffThread(source)
    // A failed split is not kept; whoever asked for it is handed the failure with the promise.
    void document.catch(() => splits.delete(hash))
  }
  splits.set(hash, document)
  for (const oldest of splits.keys()) {
    if (splits.size <= SPLITS_KEPT) break
    splits.delete(oldest)
  }
  return document
}

/** Whether a source's split is kept (or on its way). */
export const isSplit = (source: string) => splits.has(sourceHash(source))
