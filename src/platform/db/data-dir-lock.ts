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

const readOrEmpty = (path: string) => {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}

/**
 * Which process a pid names, beyond the number: this boot of the machine and the moment the process
 * started (Linux's /proc; elsewhere empty, and the pid alone decides). Pids are reused — after a
 * restart a container's Gloss often gets the very pid its predecessor had, or another program gets it
 * — so a live pid proves nothing unless it is the same process that wrote the lock.
 */
function identity(pid: number): string {
  const boot = readOrEmpty('/proc/sys/kernel/random/boot_id').trim()
  const stat = readOrEmpty(`/proc/${String(pid)}/stat`)
  // Fields after the command name (which may hold spaces and parentheses): starttime is the 22nd.
  const started = stat === '' ? '' : (stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '')
  return boot === '' || started === '' ? '' : `${boot} ${started}`
}

/** Whether the process that wrote this lock still runs. */
function ownerRuns(pid: number, writtenIdentity: string): boolean {
  if (!alive(pid)) return false
  // A lock from before identities were written, or from a system without /proc: the pid decides.
  if (writtenIdentity === '') return true
  return identity(pid) === writtenIdentity
}

/**
 * Claims the embedded database's folder for this process, or refuses: two processes writing one
 * PGlite folder each believe they alone own it, and corrupt it. The lock file holds its owner's pid on
 * its first line and, where the system says, which process that was (boot and start time) on its
 * second; a lock whose process is gone (killed, the machine restarted, the pid now someone else's) is
 * stale and taken over. Returns the function that lets go.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE)
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, `${String(process.pid)}\n${identity(process.pid)}\n`, { flag: 'wx' })
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error
    }
    const [pidLine = '', writtenIdentity = ''] = readFileSync(path, 'utf8').split('\n')
    const owner = Number.parseInt(pidLine, 10)
    if (owner === process.pid && writtenIdentity === identity(process.pid)) return () => undefined
    if (
      Number.isInteger(owner) &&
      owner > 0 &&
      owner !== process.pid &&
      ownerRuns(owner, writtenIdentity.trim())
    ) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by another Gloss process (pid ${owner}). ` +
          'It takes one process at a time: stop that one first, or set DATABASE_URL to a PostgreSQL ' +
          'server to run several.',
      )
    }
    logger.warn(
      { dataDir, ownerPid: owner },
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
