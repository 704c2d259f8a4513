import type { Child } from 'hono/jsx'
import type { TransitionQuestion } from '../transition.service.ts'
import type { DraftBlock } from '../working-draft.service.ts'
import type { Assets } from '../../platform/http/assets.ts'
import { triagePath } from '../../decisions/urls.ts'
import { Layout } from '../../site/layout.tsx'
import { Time } from '../../site/form.tsx'
import { kindLabel } from './draft-block.tsx'
import { EditorNav, type EditorPage } from './editor-nav.tsx'
import { plural } from '../../kernel/plural.ts'
import { editorPaths, transitionPath } from '../urls.ts'

/**
 * The question asked before a change that is hard to take back: a page of its own with one form, so it
 * works without JavaScript. The form sends what the first one did plus `confirmed=yes`; the server acts
 * only on that, so a first click, a replayed form or a script that skips this page changes nothing.
 */
const ConfirmPage = (p: {
  assets: Assets
  slug: string
  current: EditorPage
  title: string
  action: string
  fields: Record<string, string>
  button: string
  danger?: boolean
  cancel: { href: string; label: string }
  children?: Child
}) => (
  <Layout title={`${p.title} · Gloss`} assets={p.assets} guide={{ slug: p.slug }}>
    <h1>{p.title}</h1>
    <EditorNav slug={p.slug} current={p.current} />
    {p.children}
    <form method="post" action={p.action} class="form confirm-form">
      {Object.entries(p.fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <input type="hidden" name="confirmed" value="yes" />
      <p class="editor-actions">
        <button type="submit" class={p.danger ? 'button button-danger' : 'button'}>
          {p.button}
        </button>
        <a href={p.cancel.href}>{p.cancel.label}</a>
      </p>
    </form>
  </Layout>
)

const undecidedLine = (n: number) => `${plural(n, 'comment')} ${n === 1 ? 'has' : 'have'} no decision yet`

/** Publishing, or closing a consultation before its window ends. */
export const ConfirmTransitionPage = (p: { assets: Assets; question: TransitionQuestion }) => {
  const { guide, edition, to, undecided } = p.question
  const n = String(edition.number)
  const back = { href: `${editorPaths(guide.slug).manage}#edition-${n}` }
  const common = {
    assets: p.assets,
    slug: guide.slug,
    current: 'manage' as const,
    action: transitionPath(guide.slug, edition.number),
    fields: { to },
  }
  if (to === 'closed')
    return (
      <ConfirmPage
        {...common}
        title={`Close the consultation on edition ${n} now?`}
        button="Close the consultation now"
        cancel={{ ...back, label: 'Keep it open' }}
      >
        <p>
          {edition.closesAt ? (
            <>
              It was due to close on <Time at={edition.closesAt} />.
            </>
          ) : (
            'It has no closing time set.'
          )}{' '}
          Reviewers will no longer be able to comment or reply; what they have written stays, and you can
          reopen the consultation later.
        </p>
      </ConfirmPage>
    )
  return (
    <ConfirmPage
      {...common}
      title={`Publish edition ${n} as the final text?`}
      button={`Publish edition ${n}`}
      cancel={{ ...back, label: 'Not yet: back to the editions' }}
    >
      <p>
        Everyone will read edition {n} of “{guide.title}” as the final text
        {edition.state === 'draft' ? ', without a consultation on it' : ''}, with its “you said, we did”
        report. Its text cannot change afterwards, and publishing cannot be undone.
      </p>
      {undecided > 0 ? (
        <div class="warning">
          <p>
            <strong>{undecidedLine(undecided)}.</strong> The report will show them as open, with no response.
          </p>
          <p>
            <a href={`${triagePath(guide.slug, edition.number)}?state=published&unresolved=1`}>
              Decide on them in triage first
            </a>
          </p>
        </div>
      ) : null}
    </ConfirmPage>
  )
}

/** Deleting a block of the working draft. */
export const ConfirmDeletePage = (p: { assets: Assets; slug: string; block: DraftBlock }) => {
  const b = p.block
  const o = String(b.ordinal)
  const paths = editorPaths(p.slug)
  return (
    <ConfirmPage
      assets={p.assets}
      slug={p.slug}
      current="revise"
      title={`Delete block ${b.number} of the working draft?`}
      action={`${paths.revise}/blocks/${o}`}
      fields={{ op: 'delete', hash: b.hash }}
      button={`Delete block ${b.number}`}
      danger
      cancel={{ href: `${paths.revise}#b-${o}`, label: 'Keep it' }}
    >
      <p>
        {kindLabel(b.kind)} {b.number}:
      </p>
      <blockquote class="draft-block-text">{b.text}</blockquote>
      <p>
        Comments written on it stay where they were written; in the next edition they show under “comments on
        removed text”. You can undo the deletion until the draft is next changed.
      </p>
    </ConfirmPage>
  )
}
