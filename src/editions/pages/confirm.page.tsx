import type { Child } from 'hono/jsx'
import type { TransitionQuestion } from '../transition.service.ts'
import type { DraftBlock } from '../working-draft.service.ts'
import type { Assets } from '../../platform/http/assets.ts'
import { RELEASE_FORM_ID, triagePath } from '../../decisions/urls.ts'
import { Layout } from '../../site/layout.tsx'
import { Time } from '../../site/form.tsx'
import { kindLabel } from './draft-block.tsx'
import { EditorNav, type EditorPage } from './editor-nav.tsx'
import { editorPaths, transitionPath } from '../urls.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { Passage, rich, slot } from '../../site/rich-message.tsx'

/**
 * The question asked before a change that is hard to take back (here, and for triage's changes to many
 * comments at once): a page of its own with one form, so it works without JavaScript. The form sends what the first one did plus `confirmed=yes`; the server acts
 * only on that, so a first click, a replayed form or a script that skips this page changes nothing.
 */
export const ConfirmPage = (p: {
  assets: Assets
  slug: string
  /** The editor's page the question belongs to, for the editors' navigation; none on triage's. */
  current?: EditorPage | undefined
  title: string
  action: string
  fields: Record<string, string>
  button: string
  danger?: boolean
  cancel: { href: string; label: string }
  language: Lang
  children?: Child
}) => (
  <Layout
    title={translator(p.language)('editor.confirm.title', { question: p.title })}
    assets={p.assets}
    guide={{ slug: p.slug }}
    language={p.language}
  >
    <h1>{p.title}</h1>
    {p.current ? <EditorNav slug={p.slug} current={p.current} language={p.language} /> : null}
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

/** Earlier consultations still open, which this move closes: said before it is made. */
const Closes = ({ numbers, language }: { numbers: number[]; language: Lang }) => {
  const t = translator(language)
  return numbers.length > 0 ? (
    <div class="warning">
      {numbers.map((number) => (
        <p>
          <strong>{t('editor.confirm.closesEarlier', { number })}</strong>
        </p>
      ))}
    </div>
  ) : null
}

/**
 * Publishing, closing a consultation before its window ends, or opening one while an earlier edition's
 * is still open. Opening carries the window the editor chose (`window`, as typed) to the second form.
 */
export const ConfirmTransitionPage = (p: {
  assets: Assets
  question: TransitionQuestion
  window?: { opensAt: string; closesAt: string }
  language: Lang
}) => {
  const { guide, edition, to, undecided, drafts, closes } = p.question
  const language = p.language
  const t = translator(language)
  const number = edition.number
  const back = { href: `${editorPaths(guide.slug).manage}#edition-${String(number)}` }
  const common = {
    assets: p.assets,
    slug: guide.slug,
    current: 'manage' as const,
    action: transitionPath(guide.slug, number),
    fields: { to },
    language,
  }
  if (to === 'closed')
    return (
      <ConfirmPage
        {...common}
        title={t('editor.confirm.close.title', { number })}
        button={t('editor.confirm.close.button')}
        cancel={{ ...back, label: t('editor.confirm.close.cancel') }}
      >
        <p>
          {edition.closesAt
            ? rich(t('editor.confirm.close.due', { time: slot('time') }), {
                time: <Time at={edition.closesAt} language={language} />,
              })
            : t('editor.confirm.close.noTime')}{' '}
          {t('editor.confirm.close.body')}
        </p>
      </ConfirmPage>
    )
  if (to === 'open')
    return (
      <ConfirmPage
        {...common}
        fields={{ to, opensAt: p.window?.opensAt ?? '', closesAt: p.window?.closesAt ?? '' }}
        title={t('editor.confirm.open.title', { number })}
        button={t('editor.confirm.open.button', { number })}
        cancel={{ ...back, label: t('editor.confirm.publish.cancel') }}
      >
        <Closes numbers={closes} language={language} />
      </ConfirmPage>
    )
  return (
    <ConfirmPage
      {...common}
      title={t('editor.confirm.publish.title', { number })}
      button={t('editor.confirm.publish.button', { number })}
      cancel={{ ...back, label: t('editor.confirm.publish.cancel') }}
    >
      <p>
        {rich(
          t('editor.confirm.publish.body', {
            number,
            title: slot('title'),
            draft: edition.state === 'draft' ? 'yes' : 'no',
          }),
          { title: <Passage text={guide.title} lang={guide.lang} reader={language} /> },
        )}
      </p>
      <Closes numbers={closes} language={language} />
      {undecided > 0 ? (
        <div class="warning">
          <p>
            <strong>{t('editor.confirm.publish.undecided', { count: undecided })}</strong>{' '}
            {t('editor.confirm.publish.undecidedReport', { count: undecided })}
          </p>
          <p>
            <a href={`${triagePath(guide.slug, number)}?state=published&unresolved=1`}>
              {t('editor.confirm.publish.decideFirst', { count: undecided })}
            </a>
          </p>
        </div>
      ) : null}
      {drafts > 0 ? (
        <div class="warning">
          <p>
            <strong>{t('editor.confirm.publish.drafts', { count: drafts })}</strong>
          </p>
          <p>
            <a href={`${triagePath(guide.slug, number)}#${RELEASE_FORM_ID}`}>
              {t('editor.confirm.publish.releaseFirst')}
            </a>
          </p>
        </div>
      ) : null}
    </ConfirmPage>
  )
}

/** Deleting a block of the working draft; its words are marked with the guide's language (`lang`). */
export const ConfirmDeletePage = (p: {
  assets: Assets
  slug: string
  lang: string
  block: DraftBlock
  language: Lang
}) => {
  const b = p.block
  const t = translator(p.language)
  const o = String(b.ordinal)
  const paths = editorPaths(p.slug)
  return (
    <ConfirmPage
      assets={p.assets}
      slug={p.slug}
      current="revise"
      title={t('editor.confirm.delete.title', { number: b.number })}
      action={`${paths.revise}/blocks/${o}`}
      fields={{ op: 'delete', hash: b.hash, number: b.number }}
      button={t('editor.confirm.delete.button', { number: b.number })}
      danger
      cancel={{ href: `${paths.revise}#b-${o}`, label: t('editor.confirm.delete.cancel') }}
      language={p.language}
    >
      <p>{t('editor.confirm.delete.which', { kind: kindLabel(b.kind, p.language), number: b.number })}</p>
      <blockquote class="draft-block-text" dir="auto" lang={p.lang}>
        {b.text}
      </blockquote>
      <p>{t('editor.confirm.delete.body')}</p>
    </ConfirmPage>
  )
}
