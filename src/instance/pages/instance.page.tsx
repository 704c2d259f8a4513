import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { AdminNav } from '../../people/pages/admin-nav.tsx'
import { errorFor, ErrorSummary, type FormProblems } from '../../site/form.tsx'

export interface InstanceOverview {
  guides: number
  people: number
  otherPeople: number
  comments: number
  restorable: boolean
}

const plural = (n: number, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`

/** The instance file, and how to take it to another host: download here, restore into a new instance. */
export const InstancePage = (p: {
  assets: Assets
  overview: InstanceOverview
  problems?: FormProblems | undefined
  maxUploadMb: number
}) => (
  <Layout title="Move this instance · Gloss" assets={p.assets}>
    <AdminNav current="/admin/instance" />
    <h1>Move this instance</h1>
    <ErrorSummary problems={p.problems} />
    <section aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p>
        One file holds everything on this instance: every guide with all its editions and blocks, the lineage
        between editions, every comment and reply with their earlier wordings, decisions, flags, the people
        with their roles, invitations and reset links, instance settings, working drafts and the audit log.
        Sign-ins and rate-limit counters are left out: on the new host everyone signs in again.
      </p>
      <p class="notice">
        The file holds everyone’s email address and password hash. Keep it where only admins can read it, and
        delete it once the move is done. Downloading it is recorded in the audit log.
      </p>
      <p>
        <a class="button" href="/api/instance/export" download>
          Download the instance file
        </a>
      </p>
      <p class="field-hint">
        On the server, <code>gloss export &lt;file&gt;</code> writes the same file.
      </p>
    </section>
    <section aria-labelledby="restore-title">
      <h2 id="restore-title">Restore</h2>
      <p>
        A file goes into a new instance only: one with no comments yet and no account but yours. What is here
        now ({plural(p.overview.guides, 'guide', 'guides')}, your account) is replaced by the file’s contents,
        and afterwards you sign in with an account from the file. On the server,{' '}
        <code>gloss restore &lt;file&gt;</code> restores into an empty database, files of any size.
      </p>
      {p.overview.restorable ? (
        <RestoreForm problems={p.problems} maxUploadMb={p.maxUploadMb} guides={p.overview.guides} />
      ) : (
        <p class="notice">
          This instance is in use ({plural(p.overview.comments, 'comment', 'comments')},{' '}
          {plural(p.overview.otherPeople, 'other person', 'other people')}), so nothing can be restored into
          it here.
        </p>
      )}
    </section>
  </Layout>
)

const RestoreForm = (p: { problems?: FormProblems | undefined; maxUploadMb: number; guides: number }) => {
  const fileError = errorFor(p.problems, 'file')
  const confirmError = errorFor(p.problems, 'confirm')
  return (
    <form method="post" action="/admin/instance/restore" enctype="multipart/form-data" class="form">
      <div class={fileError ? 'field field-invalid' : 'field'}>
        <label for="file">Instance file</label>
        <p class="field-hint" id="file-hint">
          A <code>.jsonl.gz</code> file made by Gloss’s export, up to {String(p.maxUploadMb)} MB.
        </p>
        {fileError ? (
          <p class="field-error" id="file-error">
            <span class="visually-hidden">Error: </span>
            {fileError}
          </p>
        ) : null}
        <input
          id="file"
          name="file"
          type="file"
          accept=".gz,application/gzip"
          required
          aria-describedby={fileError ? 'file-hint file-error' : 'file-hint'}
          aria-invalid={fileError ? 'true' : undefined}
        />
      </div>
      <div class={confirmError ? 'field field-checkbox field-invalid' : 'field field-checkbox'}>
        <input
          id="confirm"
          name="confirm"
          type="checkbox"
          value="yes"
          required
          aria-describedby={confirmError ? 'confirm-error' : undefined}
          aria-invalid={confirmError ? 'true' : undefined}
        />
        <label for="confirm">
          Replace {plural(p.guides, 'guide', 'guides')} and my account with the file’s contents
        </label>
        {confirmError ? (
          <p class="field-error" id="confirm-error">
            <span class="visually-hidden">Error: </span>
            {confirmError}
          </p>
        ) : null}
      </div>
      <button type="submit" class="button button-danger">
        Restore the file
      </button>
    </form>
  )
}
