import { Hono } from 'hono'
import { DomainError } from '../../kernel/errors.ts'
import { idFrom } from '../../kernel/ids.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { editionNumber } from '../../platform/http/params.ts'
import { check, readForm } from '../../platform/http/validate.ts'
import { DecisionInput } from '../../decisions/decision.schemas.ts'
import { readTriageQuery, triagePath, triageUrl } from '../../decisions/urls.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { RefusalWords } from '../../site/form.tsx'
import { signInFirst, signInUrl } from '../../site/sign-in.ts'
import { decideCampaign, splitOutOfCampaign } from '../campaign.service.ts'
import { translator } from '../../platform/i18n/messages.ts'

/**
 * The triage page's campaign forms, without script: one decision for a whole campaign, and a comment
 * taken out of one. Each answers 303 back to triage at the campaign, filters kept; a form that will not
 * do answers a page saying why, with the way back.
 */
export const campaignPageRoutes = ({ database: { db }, assets }: Deps) => {
  const { message, formLimit: limitForm } = personalPages(assets)
  const formLimit = limitForm((c) => (
    <a href={triagePath(c.req.param('slug') ?? '', editionNumber(c.req.param('n')))}>
      {translator(c.get('lang'))('themes.backToTriage')}
    </a>
  ))
  return new Hono<AppEnv>()
    .post('/g/:slug/:n/triage/campaigns/:id/decide', formLimit, async (c) => {
      const slug = c.req.param('slug')
      const number = editionNumber(c.req.param('n'))
      const view = readTriageQuery(c.req.query())
      const id = idFrom(c.req.param('id'), 'That campaign')
      const form = await readForm(c)
      const duplicateOf = form.duplicateOf?.trim().replace(/^(no\.?|#)\s*/i, '')
      const input = check(DecisionInput, {
        decision: form.decision ?? '',
        response: form.response ?? '',
        ...(form.decision === 'duplicate' && duplicateOf ? { duplicateOf } : {}),
        // "Save as draft" sends draft=1; "Save the decision" none, so the guide's default decides.
        ...(form.draft === '1' ? { draft: true } : {}),
      })
      await decideCampaign(db, c.get('viewer'), id, input)
      return c.redirect(
        triageUrl(slug, number, view, {
          done: { done: form.draft === '1' ? 'campaign-drafted' : 'campaign-decided' },
          anchor: `k${String(id)}`,
        }),
        303,
      )
    })
    .post('/g/:slug/:n/triage/campaigns/:id/split', formLimit, async (c) => {
      const slug = c.req.param('slug')
      const number = editionNumber(c.req.param('n'))
      const view = readTriageQuery(c.req.query())
      const id = idFrom(c.req.param('id'), 'That campaign')
      const form = await readForm(c)
      await splitOutOfCampaign(db, c.get('viewer'), id, idFrom(form.commentId, 'That comment'))
      return c.redirect(
        triageUrl(slug, number, view, { done: { done: 'campaign-split' }, anchor: `k${String(id)}` }),
        303,
      )
    })
    .onError((error, c) => {
      const away = signInFirst(c, error)
      if (away) return away
      if (!(error instanceof DomainError)) throw error
      const back = new URL(c.req.url).pathname.replace(/\/campaigns\/[^/]+\/(decide|split)$/, '')
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value)
      const t = translator(c.get('lang'))
      return message(
        c,
        t(error.status === 403 ? 'themes.editorsOnly' : 'message.refused.title'),
        <p>
          <RefusalWords lang={c.get('lang')} error={error} />{' '}
          {error.status === 401 ? (
            <a href={signInUrl(back)}>{t('themes.signInFirst')}</a>
          ) : (
            <a href={back}>{t('themes.backToTriage')}</a>
          )}
        </p>,
        error.status,
      )
    })
}
