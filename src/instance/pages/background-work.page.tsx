import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { AdminNav } from '../../people/pages/admin-nav.tsx'
import { Time } from '../../site/form.tsx'
import { plural } from '../../kernel/plural.ts'

/** What each kind of job is, in the admins' words. */
const KINDS: Record<string, string> = {
  'mail.notices': 'Email of notices',
  'mail.sweep': 'Handing notices to email',
  'mail.invitation': 'Email of an invitation',
  'consultation.closing': 'Reminders that a consultation closes',
  'queue.prune': 'Clearing old finished work',
}
const kindName = (kind: string) => KINDS[kind] ?? kind

export interface BackgroundWork {
  waiting: { kind: string; waiting: number }[]
  failed: { id: string; kind: string; attempts: number; lastError: string; failedAt: Date }[]
}

/**
 * The job queue as admins see it: what is waiting, and the work Gloss gave up on after its last
 * attempt (a mail server refusing, most often), each with its error and a button to try it again.
 */
export const BackgroundWorkPage = (p: { assets: Assets; work: BackgroundWork; retried: boolean }) => (
  <Layout title="Background work · Gloss" assets={p.assets}>
    <AdminNav current="/admin/jobs" />
    <h1>Background work</h1>
    {p.retried ? (
      <p class="notice" role="status">
        The job will be tried again shortly.
      </p>
    ) : null}
    <section aria-labelledby="waiting-title">
      <h2 id="waiting-title">Waiting</h2>
      {p.work.waiting.length === 0 ? (
        <p>Nothing is waiting.</p>
      ) : (
        <ul>
          {p.work.waiting.map((row) => (
            <li>
              {kindName(row.kind)}: {plural(row.waiting, 'job')}
            </li>
          ))}
        </ul>
      )}
    </section>
    <section aria-labelledby="failed-title">
      <h2 id="failed-title">Given up on</h2>
      {p.work.failed.length === 0 ? (
        <p>Nothing has failed.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Work</th>
              <th scope="col">Failed</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last error</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {p.work.failed.map((job) => (
              <tr>
                <td>{kindName(job.kind)}</td>
                <td>
                  <Time at={job.failedAt} />
                </td>
                <td>{String(job.attempts)}</td>
                <td>
                  <code>{job.lastError}</code>
                </td>
                <td>
                  <form method="post" action={`/admin/jobs/${job.id}/retry`}>
                    <button type="submit" class="button">
                      Try again<span class="visually-hidden"> ({kindName(job.kind)})</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  </Layout>
)
