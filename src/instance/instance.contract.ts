import { declare, json, problem } from '../platform/http/contract.ts'
import { InstanceFile, Restored } from './instance.schemas.ts'

/**
 * The whole instance, for admins. The restore body is the file itself, not JSON: declared by its media
 * types, which no validator reads, so the route streams it to disk under its own limit.
 */
export const instanceContract = {
  export: declare({
    method: 'get',
    path: '/instance/export',
    tag: 'admin',
    summary: 'The whole instance as one file (gzip-compressed JSON Lines; it holds password hashes)',
    access: 'admins',
    responses: {
      200: {
        description: 'The instance file, as an attachment',
        content: { 'application/gzip': { schema: InstanceFile } },
      },
    },
  }),
  restore: declare({
    method: 'post',
    path: '/instance/restore',
    tag: 'admin',
    summary:
      'Restore an instance file (the body, as application/gzip) into an instance with no comments and no account but yours',
    access: 'admins',
    request: {
      body: {
        required: true,
        description: 'An instance file from `gloss export` or the admin pages, up to 256 MB',
        content: {
          'application/gzip': { schema: InstanceFile },
          'application/x-gzip': { schema: InstanceFile },
          'application/octet-stream': { schema: InstanceFile },
        },
      },
    },
    responses: {
      200: json(Restored, "Restored; everyone signs in again with the file's accounts"),
      409: problem('The instance is in use'),
      413: problem('The file is larger than 256 MB: use gloss restore'),
      415: problem('The body is not application/gzip'),
      422: problem('Not an instance file, damaged, or from a newer Gloss'),
    },
  }),
}
