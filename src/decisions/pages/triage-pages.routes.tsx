import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { DECISIONS } from '../../kernel/words.ts'
import { storableText } from '../../kernel/storable-text.ts'
import { decide, decideMany, releaseDecisions } from '../decision.service.ts'
import { acceptSuggestion } from '../acceptance.service.ts'
import { AcceptanceInput } from '../acceptance.contract.ts'
import { triagePage } from '../triage-page.service.ts'
import { DomainError } from '../../kernel/errors.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { editionNumber } from '../../platform/http/params.ts'
import { check, parseForm, readForm } from '../../platform/http/validate.ts'
import { idFrom } from '../../kernel/ids.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { problemsIn, problemsOf, RefusalWords } from '../../site/form.tsx'
import { submitForm } from '../../site/form-route.ts'
import { signInFirst, signInUrl } from '../../site/sign-in.ts'
import type { TriageFailure } from './triage-forms.tsx'
import { TriagePage } from './triage.page.tsx'
import { TriageConfirmPage } from './triage-confirm.page.tsx'
import { themeNotice } from '../../themes/pages/triage-themes.tsx'
import {
  filterQuery,
  readTriageQuery,
  RELEASE_FORM_ID,
  triagePath,
  triageUrl,
  type TriageView,
} from '../urls.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator, type MessageKey } from '../../platform/i18n/messages.ts'

/** A comment's number as a form gives it; PostgreSQL's integers end at 2^31 - 1. */
const commentNumber = (message: string) =>
  z
    .string()
    .regex(/^[1-9]\d{0,9}$/, message)
    .refine((value) => Number(value) <= 2_147_483_647, message)

/** The forms' schemas, with their messages for people in a language. */
const formsIn = (language: Lang) => {
  const t = translator(language)
  /** A decision as the forms send it: the API's DecisionInput, with messages for people. */
  const DecisionForm = z.object({
    decision: z.enum(DECISIONS, t('triage.form.chooseDecision')),
    response: storableText().trim().max(10_000, t('triage.form.responseTooLong')),
    duplicateOf: commentNumber(t('triage.form.commentNumber')).optional(),
    draft: z.literal(true).optional(),
  })
  const BulkForm = DecisionForm.extend({
    commentIds: z
      .array(commentNumber(t('triage.form.notOnPage')))
      .min(1, t('triage.form.selectFirst'))
      .max(500, t('triage.form.selectAtMost')),
  })
  const ReleaseForm = z.object({
    commentIds: z
      .array(commentNumber(t('triage.form.notOnPage')))
      .min(1, t('triage.form.selectDraftFirst'))
      .max(500, t('triage.form.selectAtMost')),
  })
  return { DecisionForm, BulkForm, ReleaseForm }
}

/** Each language's forms, built once. */
const FORMS = { en: formsIn('en'), cy: formsIn('cy') } satisfies Record<Lang, ReturnType<typeof formsIn>>

/** The fields of a decision form: a blank duplicate is none, and only "duplicate" names one. */
const decisionFields = (form: Record<string, string>) => {
  const duplicateOf = form.duplicateOf?.trim().replace(/^(no\.?|#)\s*/i, '')
  return {
    decision: form.decision ?? '',
    response: form.response ?? '',
    ...(form.decision === 'duplicate' && duplicateOf ? { duplicateOf } : {}),
    // "Save as draft" sends draft=1; "Save decision" sends none, so the guide's default decides.
    ...(form.draft === '1' ? { draft: true } : {}),
  }
}

/** The ticked boxes of the bulk form: several share a name, and the parsed form is cached, so read once. */
const tickedIds = async (c: Context<AppEnv>) => {
  const ticked = (await parseForm(c, { all: true })).commentIds
  return (Array.isArray(ticked) ? ticked : [ticked]).filter((v) => typeof v === 'string')
}

/** What each `?done=` says, from the catalogues; those with a count take it as `{count}`. */
const DONE: Record<string, MessageKey> = {
  decided: 'triage.done.decided',
  'decided-many': 'triage.done.decidedMany',
  drafted: 'triage.done.drafted',
  'drafted-many': 'triage.done.draftedMany',
  released: 'triage.done.released',
  'released-none': 'triage.done.releasedNone',
  accepted: 'triage.done.accepted',
  'accept-drafted': 'triage.done.acceptDrafted',
  'campaign-decided': 'triage.done.campaignDecided',
  'campaign-drafted': 'triage.done.campaignDrafted',
  'campaign-split': 'triage.done.campaignSplit',
}

/** The confirmation a `?done=` asks for, in the language, or undefined for none known. */
const doneNotice = (language: Lang, done: string, count: number) => {
  const key = Object.hasOwn(DONE, done) ? DONE[done] : undefined
  return key ? translator(language)(key, { count }) : undefined
}

/**
 * The triage page (journey 4): an edition's feedback for its editors, with filters, the heat strip and
 * a decision form on every comment, over the same services as the JSON API (decision.routes.ts). Each
 * form answers 303 back to the page, filters kept, at the comment; a form to correct comes back with
 * what was typed (422), and a form made stale by someone else's change comes back with the comment as
 * it now is (412).
 */
export const triagePageRoutes = ({ database: { db }, assets }: Deps) => {
  const { page, message, formLimit: limitForm } = personalPages(assets)
  const formLimit = limitForm((c) => (
    <a href={triagePath(c.req.param('slug') ?? '', editionNumber(c.req.param('n')))}>
      {translator(c.get('lang'))('themes.backToTriage')}
    </a>
  ))

  const render = async (
    c: Context<AppEnv>,
    view: TriageView,
    extra: {
      notice?: string | undefined
      saved?: string | undefined
      failed?: TriageFailure
      status?: 200 | 409 | 412 | 422
    } = {},
  ) => {
    const slug = c.req.param('slug') ?? ''
    const shown = await triagePage(db, c.get('viewer'), slug, editionNumber(c.req.param('n')), view)
    return page(
      c,
      <TriagePage
        assets={assets}
        {...shown}
        view={view}
        language={c.get('lang')}
        notice={extra.notice}
        saved={extra.saved}
        failed={extra.failed}
      />,
      extra.status ?? 200,
    )
  }

  /** Refusals the editor can act on in the form: what was typed (422), or a form made stale (412). */
  const SHOWN = [412, 422]

  /** The page again with the refused form, as it was sent. */
  const refused =
    (
      c: Context<AppEnv>,
      view: TriageView,
      form: string,
      values: Record<string, string>,
      selected: string[],
    ) =>
    (error: DomainError) =>
      render(c, view, {
        failed: {
          form,
          values,
          selected,
          problems: problemsOf(error, c.get('lang')),
          stale: error.status === 412,
        },
        status: error.status as 412 | 422,
      })

  return new Hono<AppEnv>()
    .get('/g/:slug/:n/triage', async (c) => {
      const view = readTriageQuery(c.req.query())
      const count = Number(c.req.query('count') ?? '0')
      const saved = c.req.query('saved')
      const done = c.req.query('done') ?? ''
      return render(c, view, {
        notice:
          doneNotice(c.get('lang'), done, Number.isInteger(count) && count > 0 ? count : 1) ??
          themeNotice(c.get('lang'), done, Number.isInteger(count) && count >= 0 ? count : 0),
        saved: saved && /^\d{1,10}$/.test(saved) ? saved : undefined,
      })
    })
    .get('/g/:slug/:n/triage/:form{decide|decide-many|accept|release}', (c) => {
      // A refused form's page answers at the form's address; reloaded, or opened from history without
      // script (which puts the page's own address back), that address leads to the page, filters kept.
      const view = readTriageQuery(c.req.query())
      return c.redirect(triageUrl(c.req.param('slug'), editionNumber(c.req.param('n')), view), 303)
    })
    .post('/g/:slug/:n/triage/decide', formLimit, async (c) => {
      const slug = c.req.param('slug')
      const number = editionNumber(c.req.param('n'))
      const view = readTriageQuery(c.req.query())
      const form = await readForm(c)
      const id = idFrom(form.commentId, 'That comment')
      return submitForm(
        async () => {
          const input = check(FORMS[c.get('lang')].DecisionForm, decisionFields(form))
          const etag = form.etag?.trim()
          await decide(db, c.get('viewer'), id, input, etag ? etag : undefined)
        },
        {
          done: () =>
            c.redirect(
              triageUrl(slug, number, view, {
                done: { done: form.draft === '1' ? 'drafted' : 'decided', saved: String(id) },
                anchor: `c${String(id)}`,
              }),
              303,
            ),
          refused: refused(c, view, `d${String(id)}`, form, []),
        },
        SHOWN,
      )
    })
    .post('/g/:slug/:n/triage/accept', formLimit, async (c) => {
      const slug = c.req.param('slug')
      const number = editionNumber(c.req.param('n'))
      const view = readTriageQuery(c.req.query())
      const form = await readForm(c)
      const id = idFrom(form.commentId, 'That comment')
      return submitForm(
        // The API's own schema, so the form refuses what the API refuses (a response too long, or not text).
        // "Accept as a draft" sends draft=1; the other button none, so the guide's default decides.
        () =>
          acceptSuggestion(
            db,
            c.get('viewer'),
            id,
            check(AcceptanceInput, {
              response: form.response,
              ...(form.draft === '1' ? { draft: true } : {}),
            }),
          ),
        {
          done: () =>
            c.redirect(
              triageUrl(slug, number, view, {
                done: { done: form.draft === '1' ? 'accept-drafted' : 'accepted', saved: String(id) },
                anchor: `c${String(id)}`,
              }),
              303,
            ),
          // Its words gone from the draft, or accepted by someone else: the page says why, as it now is.
          refused: (error) => {
            if (error.status === 422)
              return render(c, view, {
                notice: problemsOf(error, c.get('lang')).fields[0]?.message ?? error.message,
                saved: String(id),
                status: 422,
              })
            const current = error.extensions.currentText
            return render(c, view, {
              notice: `${problemsIn(c.get('lang'), error).message}${typeof current === 'string' ? ` ${translator(c.get('lang'))('triage.accept.currentText', { text: current })}` : ''}`,
              saved: String(id),
              status: 409,
            })
          },
        },
        [409, 422],
      )
    })
    .post('/g/:slug/:n/triage/decide-many', formLimit, async (c) => {
      const slug = c.req.param('slug')
      const number = editionNumber(c.req.param('n'))
      const view = readTriageQuery(c.req.query())
      const form = await readForm(c)
      const selected = await tickedIds(c)
      return submitForm(
        async () => {
          const { commentIds, ...input } = check(FORMS[c.get('lang')].BulkForm, {
            ...decisionFields(form),
            commentIds: selected,
          })
          const ids = commentIds.map(Number)
          await decideMany(db, c.get('viewer'), slug, ids, input)
          return ids
        },
        {
          done: (ids) =>
            c.redirect(
              triageUrl(slug, number, view, {
                done: {
                  done: form.draft === '1' ? 'drafted-many' : 'decided-many',
                  count: String(new Set(ids).size),
                  saved: String(ids[0] ?? ''),
                },
                anchor: `c${String(ids[0] ?? '')}`,
              }),
              303,
            ),
          refused: refused(c, view, 'bulk', form, selected),
        },
        SHOWN,
      )
    })
    .post('/g/:slug/:n/triage/release', formLimit, async (c) => {
      const slug = c.req.param('slug')
      const number = editionNumber(c.req.param('n'))
      const view = readTriageQuery(c.req.query())
      const form = await readForm(c)
      const selected = await tickedIds(c)
      // Releasing every draft is asked about first, on a page of its own: it cannot be taken back.
      if (form.all === '1' && form.confirmed !== 'yes') {
        const { triage } = await triagePage(db, c.get('viewer'), slug, number, view)
        const t = translator(c.get('lang'))
        if (triage.drafts === 0)
          return c.redirect(triageUrl(slug, number, view, { done: { done: 'released-none' } }), 303)
        return page(
          c,
          <TriageConfirmPage
            assets={assets}
            slug={slug}
            title={t('triage.release.confirm.title', { count: triage.drafts })}
            action={`${triagePath(slug, number)}/release${filterQuery(view)}`}
            fields={{ all: '1' }}
            button={t('triage.release.submit', { count: triage.drafts })}
            cancel={triageUrl(slug, number, view, { anchor: RELEASE_FORM_ID })}
            language={c.get('lang')}
          >
            <p>
              {t('triage.release.count', { count: triage.drafts })} {t('triage.release.confirm.body')}
            </p>
          </TriageConfirmPage>,
        )
      }
      return submitForm(
        async () => {
          // "Release all" sends all=1 and no boxes; "Release drafts of selected" sends the ticked ones.
          const ids =
            form.all === '1'
              ? undefined
              : check(FORMS[c.get('lang')].ReleaseForm, { commentIds: selected }).commentIds
          return (await releaseDecisions(db, c.get('viewer'), slug, ids?.map(Number))).released
        },
        {
          done: (released) =>
            c.redirect(
              triageUrl(slug, number, view, {
                done:
                  released.length === 0
                    ? { done: 'released-none' }
                    : { done: 'released', count: String(released.length), saved: released[0] ?? '' },
                anchor: released[0] === undefined ? undefined : `c${released[0]}`,
              }),
              303,
            ),
          refused: refused(c, view, 'bulk', form, selected),
        },
        SHOWN,
      )
    })
    .onError((error, c) => {
      const away = signInFirst(c, error)
      if (away) return away
      if (!(error instanceof DomainError)) throw error
      const url = new URL(c.req.url)
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value)
      const back = url.pathname.replace(/\/(decide|decide-many|release)$/, '')
      const t = translator(c.get('lang'))
      const title = t(
        error.status === 422
          ? 'triage.error.filters'
          : error.status === 403
            ? 'themes.editorsOnly'
            : error.status === 404
              ? 'problem.status.404'
              : 'message.refused.title',
      )
      return message(
        c,
        title,
        <p>
          <RefusalWords lang={c.get('lang')} error={error} />{' '}
          {error.status === 401 ? (
            <a href={signInUrl(back)}>{t('themes.signInFirst')}</a>
          ) : error.status === 422 ? (
            <a href={back}>{t('triage.error.showAll')}</a>
          ) : error.status === 404 || error.status === 403 ? null : (
            <a href={back}>{t('themes.backToTriage')}</a>
          )}
        </p>,
        error.status,
      )
    })
}
