import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { logger } from '../log.ts'

/** In DATA_DIR beside PostgreSQL's own files, which it leaves alone. */
const LOCK_FILE = 'gloss.lock'

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which still means the folder is in use.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Claims the embedded database's folder for this process, or refuses: two processes writing one
 * PGlite folder each believe they alone own it, and corrupt it. The lock file holds its owner's pid; a
 * lock whose process is gone (killed, or the machine restarted) is stale and taken over. Returns the
 * function that lets go.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE)
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' })
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error
    }
    const owner = Number.parseInt(readFileSync(path, 'utf8'), 10)
    if (owner === process.pid) return () => undefined
    if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by another Gloss process (pid ${owner}). ` +
          'It takes one process at a time: stop that one first, or set DATABASE_URL to a PostgreSQL ' +
          'server to run several.',
      )
    }
    logger.warn(
      { dataDir, pid: owner },
      'the embedded database was left locked by a process that is gone; taking it over',
    )
    rmSync(path, { force: true })
  }
  return () => {
    try {
      if (Number.parseInt(readFileSync(path, 'utf8'), 10) === process.pid) rmSync(path, { force: true })
    } catch {
      // Already gone: someone removed the folder; there is nothing left to let go.
    }
  }
}
