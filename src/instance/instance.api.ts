import { Readable } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { badRequest, DomainError } from '../kernel/errors.ts'
import { routes } from '../platform/http/contract.ts'
import type { Deps } from '../platform/http/env.ts'
import { clearSessionCookie } from '../platform/http/session.ts'
import { instanceContract as contract } from './instance.contract.ts'
import {
  checkRestorable,
  exportForDownload,
  MAX_UPLOAD_BYTES,
  restoreUpload,
  uploadTooLarge,
} from './instance.service.ts'

const GZIP = /^application\/(gzip|x-gzip|octet-stream)\b/i

/** Response headers of the instance file: a download, never cached (it holds password hashes). */
const fileHeaders = (fileName: string, bytes: number) => ({
  'content-type': 'application/gzip',
  'content-disposition': `attachment; filename="${fileName}"`,
  'content-length': String(bytes),
  'cache-control': 'no-store',
})

/**
 * The handlers of instance.contract.ts's routes: `GET /instance/export` downloads the instance,
 * `POST /instance/restore` takes one (the file's bytes as the body) into an instance nobody uses yet.
 * The restore body is streamed to disk under its own limit (body-limits.ts leaves this route out of the
 * JSON body limit), and only once the viewer may restore.
 */
export const instanceApi = ({ database: { db } }: Deps) =>
  routes()
    .openapi(contract.export, async (c) => {
      const file = await exportForDownload(db, c.get('viewer'))
      const body = Readable.toWeb(file.stream) as unknown as ReadableStream<Uint8Array>
      return c.body(body, 200, fileHeaders(file.fileName, file.bytes))
    })
    .openapi(contract.restore, async (c) => {
      const viewer = c.get('viewer')
      await checkRestorable(db, viewer)
      if (!GZIP.test(c.req.header('content-type') ?? '')) {
        throw new DomainError('unsupported-media-type', 'Send the instance file as application/gzip.')
      }
      if (Number(c.req.header('content-length') ?? 0) > MAX_UPLOAD_BYTES) throw uploadTooLarge()
      const upload = c.req.raw.body
      if (!upload) throw badRequest('Send the instance file as the body.')
      const restored = await restoreUpload(
        db,
        viewer,
        Readable.fromWeb(upload as NodeReadableStream<Uint8Array>),
      )
      // Sessions are not restored: the admin who sent the file signs in again as one of its people.
      clearSessionCookie(c)
      return c.json({ ...restored, signedOut: true as const }, 200)
    })
