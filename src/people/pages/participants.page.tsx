import type { Assets } from '../../platform/http/assets.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { Layout } from '../../site/layout.tsx'
import { roleLabel } from './admin-nav.tsx'
import { ErrorSummary, StatusMessage, TextArea, type FormProblems } from '../../site/form.tsx'
import { guidePath } from '../../guides/urls.ts'
import { introductionPath } from '../urls.ts'
import type { NamesShown } from '../../kernel/words.ts'

export interface Participant {
  id: string | null
  displayName: string
  organisation: string
  description: string
  role: string
  introduction: string
}

export interface ParticipantsPageProps {
  assets: Assets
  guide: { slug: string; title: string; names?: NamesShown | undefined }
  /** Whether this viewer sees everyone's names (else only their own). */
  named: boolean
  items: Participant[]
  /** The viewer, when they take part in this guide: they may introduce themselves. */
  me?: Participant | undefined
  saved?: boolean
  values?: Record<string, string>
  problems?: FormProblems | undefined
  /** The interface language; what people wrote about themselves stays in their words. */
  language: Lang
}

export const ParticipantsPage = (p: ParticipantsPageProps) => {
  const t = translator(p.language)
  return (
    <Layout
      title={`${p.problems ? `${t('form.errorPrefix')} ` : ''}${t('participants.title', { title: p.guide.title })}`}
      assets={p.assets}
      language={p.language}
      guide={p.guide}
    >
      <ErrorSummary problems={p.problems} language={p.language} />
      <h1>{t('participants.heading', { title: p.guide.title })}</h1>
      <p>
        <a href={guidePath(p.guide.slug)}>{t('permalink.readGuide')}</a>
      </p>
      <StatusMessage>{p.saved ? t('participants.saved') : undefined}</StatusMessage>
      {p.named ? null : p.guide.names === 'pseudonym' ? (
        <p class="notice">{t('participants.pseudonyms')}</p>
      ) : (
        <p class="notice">{t('participants.namesKept')}</p>
      )}
      {p.items.length === 0 ? (
        <p>{t('participants.none')}</p>
      ) : (
        <ul class="participant-list">
          {p.items.map((person) => (
            <li>
              <p class="participant-name">
                <strong>{person.displayName}</strong>
                {person.organisation ? <> · {person.organisation}</> : null}{' '}
                <span class="badge">{roleLabel(person.role, p.language)}</span>
              </p>
              {person.description ? <p>{person.description}</p> : null}
              {person.introduction ? <p class="introduction">{person.introduction}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {p.me ? (
        <section aria-labelledby="introduce-title">
          <h2 id="introduce-title">{t('participants.introduce')}</h2>
          <form method="post" action={introductionPath(p.guide.slug)} class="form">
            <TextArea
              name="introduction"
              label={t('participants.introduction')}
              hint={t('participants.introductionHint')}
              value={p.values?.introduction ?? p.me.introduction}
              maxlength={1000}
              rows={5}
              problems={p.problems}
              language={p.language}
            />
            <button type="submit" class="button">
              {t('participants.saveIntroduction')}
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  )
}
