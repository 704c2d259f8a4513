import { createReadStream, createWriteStream, fstatSync, openSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { recordAudit } from '../audit/audit.repository.ts'
import type { Db } from '../platform/db/database.ts'
import { tooLarge } from '../kernel/errors.ts'
import { authoriseOnInstance } from '../people/policy.ts'
import type { Viewer } from '../people/viewer.ts'
import { writeInstance } from './instance-export.service.ts'
import { checkTarget, restoreInstance, restoredBy } from './instance-restore.service.ts'
import type { RestoreSummary } from './instance.schemas.ts'
import { logger } from '../platform/log.ts'
import { instanceCounts } from './instance.repository.ts'

/** An instance file sent over HTTP; a larger instance moves with `gloss restore` on the command line. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024

const adminOf = (viewer: Viewer) => {
  authoriseOnInstance(viewer, 'export-instance')
  // authoriseOnInstance has made sure someone is signed in.
  return viewer.person as NonNullable<Viewer['person']>
}

const total = (rows: Record<string, number>) => Object.values(rows).reduce((a, b) => a + b, 0)

export const fileName = (at: Date) =>
  `gloss-instance-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}.jsonl.gz`

/** What the admin page shows: what is here now, and whether a file may be restored into it. */
export async function instanceOverview(db: Db, viewer: Viewer) {
  const admin = adminOf(viewer)
  const counts = await instanceCounts(db, admin.id)
  return { ...counts, restorable: counts.comments === 0 && counts.otherPeople === 0 }
}

/** A temporary folder only this process's user can read: the files in it hold password hashes. */
async function withTemporaryFile<T>(use: (path: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), 'gloss-instance-'))
  try {
    return await use(join(folder, 'instance.jsonl.gz'))
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}

/**
 * The whole instance as a file to download. It is written to a temporary file first, so the database
 * snapshot lasts as long as the export takes, not as long as a slow download (on the embedded database
 * that one connection is everyone's); the file is unlinked at once and streamed from its open handle.
 */
export async function exportForDownload(db: Db, viewer: Viewer) {
  const admin = adminOf(viewer)
  const at = new Date()
  return withTemporaryFile(async (path) => {
    const { rows } = await writeInstance(db, createWriteStream(path, { mode: 0o600 }), at)
    await recordAudit(db, {
      actorId: admin.id,
      action: 'instance.exported',
      detail: { tables: Object.keys(rows).length, rows: total(rows) },
      address: viewer.address,
    })
    const fd = openSync(path, 'r')
    return { stream: createReadStream(path, { fd }), bytes: fstatSync(fd).size, fileName: fileName(at) }
  })
}

/** Records in the audit log an export that `gloss export` wrote, with its size. */
export const recordCommandLineExport = (db: Db, rows: Record<string, number>) =>
  recordAudit(db, {
    actorId: null,
    action: 'instance.exported',
    subject: 'gloss export',
    detail: { tables: Object.keys(rows).length, rows: total(rows) },
  })

/** Refuses early, before an upload is read, when the instance is in use. */
export async function checkRestorable(db: Db, viewer: Viewer): Promise<void> {
  const admin = adminOf(viewer)
  await checkTarget(db, { mode: 'unused', adminId: admin.id })
}

/**
 * Restores an uploaded instance file into an instance nobody uses yet (no comments, no account but the
 * admin's). The upload is kept in a temporary file first, so the restoring transaction does not wait on
 * the network. Everyone is signed out (sessions are not in the file); the audit log gets one entry after
 * the file's, naming who restored it, since their own account has been replaced by the file's people.
 */
export async function restoreUpload(
  db: Db,
  viewer: Viewer,
  upload: Readable | AsyncIterable<Uint8Array>,
): Promise<RestoreSummary> {
  const admin = adminOf(viewer)
  await checkTarget(db, { mode: 'unused', adminId: admin.id })
  const summary = await withTemporaryFile(async (path) => {
    await pipeline(upload, limitBytes(MAX_UPLOAD_BYTES), createWriteStream(path, { mode: 0o600 }))
    return restoreInstance(db, createReadStream(path), {
      replace: { mode: 'unused', adminId: admin.id },
      audit: restoredBy({ subject: admin.email, name: admin.displayName, address: viewer.address }),
    })
  })
  // Everyone's sessions are gone and the instance is another one now: an operator wants to know when.
  logger.info(
    {
      rows: total(summary.rows),
      exportedAt: summary.createdAt,
      by: admin.id,
      erasuresApplied: summary.erasuresApplied,
    },
    'restored an instance file; everyone signs in again',
  )
  return summary
}

export const uploadTooLarge = () =>
  tooLarge(
    `An instance file sent here may be up to ${String(MAX_UPLOAD_BYTES / 1024 / 1024)} MB; restore a larger one with gloss restore on the command line.`,
  )

const limitBytes = (max: number) =>
  async function* (source: AsyncIterable<Uint8Array>) {
    let bytes = 0
    for await (const chunk of source) {
      bytes += chunk.byteLength
      if (bytes > max) throw uploadTooLarge()
      yield chunk
    }
  }
