import { z } from 'zod'
import type { Assets } from '../../platform/http/assets.ts'
import { Layout } from '../../site/layout.tsx'
import { roleLabel } from './admin-nav.tsx'
import {
  ButtonForm,
  CopyField,
  ErrorSummary,
  Field,
  TextArea,
  Time,
  type FormProblems,
} from '../../site/form.tsx'
import { plural } from '../../kernel/plural.ts'
import { guidePath } from '../../guides/urls.ts'
import { invitationsPath, participantsPath, revokeInvitationPath } from '../urls.ts'

export interface InvitationRow {
  id: string
  role: string
  expiresAt: Date
  maxUses: number
  uses: number
  revokedAt: Date | null
  createdAt: Date
  createdBy: string
  note: string
}

/** The form's note of whom a link is for: the pages' own field, kept out of the API's invitation. */
export const InvitationNote = z.strictObject({
  note: z.string().trim().max(200, 'Keep the note to 200 characters.'),
})

export interface GuideInvitationsPageProps {
  assets: Assets
  guide: { slug: string; title: string }
  invitations: InvitationRow[]
  /** The link just made: shown this once, never again. */
  created?:
    | {
        url: string
        role: string
        expiresAt: Date
        maxUses: number
        note: string
        emailed?: string[] | undefined
      }
    | undefined
  /** Whether the instance sends mail: then the link can also go to a list of addresses. */
  mailEnabled?: boolean
  values?: Record<string, string>
  problems?: FormProblems | undefined
}

const stateOf = (i: InvitationRow, now: Date) =>
  i.revokedAt ? 'Withdrawn' : i.expiresAt <= now ? 'Expired' : i.uses >= i.maxUses ? 'Used up' : 'Open'

export const GuideInvitationsPage = (p: GuideInvitationsPageProps) => {
  const now = new Date()
  const role = p.values?.role ?? 'reviewer'
  const roleError = p.problems?.fields.find((f) => f.name === 'role')?.message
  return (
    <Layout
      title={`${p.problems ? 'Error: ' : ''}Invitations: ${p.guide.title} · Gloss`}
      assets={p.assets}
      guide={p.guide}
    >
      <ErrorSummary problems={p.problems} />
      <h1>Invitations to “{p.guide.title}”</h1>
      <p>
        <a href={guidePath(p.guide.slug)}>Read the guide</a> ·{' '}
        <a href={participantsPath(p.guide.slug)}>Participants</a>
      </p>

      {p.created ? (
        <section aria-labelledby="created-title" class="notice">
          <h2 id="created-title">Your new invitation link</h2>
          <CopyField
            id="invitation-link"
            label={`Link for a ${roleLabel(p.created.role).toLowerCase()}${p.created.note ? `: for ${p.created.note}` : ''}`}
            value={p.created.url}
            copy="Copy the link"
            hint={
              <>
                Copy it now: it is shown only once. Anyone with it can join, up to{' '}
                {plural(p.created.maxUses, 'person', 'people')}, until <Time at={p.created.expiresAt} />.
              </>
            }
          />
          {p.created.emailed ? (
            <p>
              It is on its way by email to {plural(p.created.emailed.length, 'address', 'addresses')}:{' '}
              {p.created.emailed.join(', ')}.
            </p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="new-title">
        <h2 id="new-title">Make an invitation link</h2>
        <form method="post" action={invitationsPath(p.guide.slug)} class="form">
          <fieldset
            class={roleError ? 'field field-invalid' : 'field'}
            aria-describedby={roleError ? 'role-error' : undefined}
          >
            <legend>Role</legend>
            {roleError ? (
              <p class="field-error" id="role-error">
                <span class="visually-hidden">Error: </span>
                {roleError}
              </p>
            ) : null}
            <div class="choice">
              <input type="radio" id="role" name="role" value="reviewer" checked={role !== 'editor'} />
              <label for="role">Reviewer: comments while the guide is open for consultation</label>
            </div>
            <div class="choice">
              <input type="radio" id="role-editor" name="role" value="editor" checked={role === 'editor'} />
              <label for="role-editor">Editor: also edits, invites and moderates</label>
            </div>
          </fieldset>
          <Field
            name="note"
            label="Who it is for (optional)"
            hint="A note for this guide’s editors, such as “Parish clerks in the north”. The people invited do not see it."
            value={p.values?.note}
            maxlength={200}
            problems={p.problems}
          />
          {p.mailEnabled ? (
            <TextArea
              name="emails"
              label="Send it by email to (optional)"
              hint="Email addresses, one a line, up to 50. Each gets the link and who it is from."
              value={p.values?.emails}
              maxlength={15_000}
              problems={p.problems}
            />
          ) : null}
          <Field
            name="expiresInDays"
            label="Days the link works"
            type="number"
            hint="From 1 to 90."
            value={p.values?.expiresInDays ?? '14'}
            min={1}
            max={90}
            required
            problems={p.problems}
          />
          <Field
            name="maxUses"
            label="How many people may use it"
            type="number"
            hint="From 1 to 10,000."
            value={p.values?.maxUses ?? '50'}
            min={1}
            max={10000}
            required
            problems={p.problems}
          />
          <button type="submit" class="button">
            Make the link
          </button>
        </form>
      </section>

      <section aria-labelledby="list-title">
        <h2 id="list-title">Invitations so far</h2>
        {p.invitations.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <div class="table-scroll">
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">Role</th>
                  <th scope="col">For</th>
                  <th scope="col">State</th>
                  <th scope="col">Used</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Made by</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.invitations.map((i) => (
                  <tr>
                    <th scope="row" id={`invitation-${i.id}`}>
                      {roleLabel(i.role)} link made <Time at={i.createdAt} />
                    </th>
                    <td>{i.note}</td>
                    <td>{stateOf(i, now)}</td>
                    <td>
                      {i.uses} of {i.maxUses}
                    </td>
                    <td>
                      <Time at={i.expiresAt} />
                    </td>
                    <td>{i.createdBy}</td>
                    <td>
                      {i.revokedAt ? null : (
                        <ButtonForm
                          action={revokeInvitationPath(p.guide.slug, i.id)}
                          label="Withdraw"
                          variant="danger"
                          describedBy={`invitation-${i.id}`}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  )
}
