import { Hono } from 'hono'
import { threadUrl } from '../../comments/urls.ts'
import { DomainError, notFound } from '../../kernel/errors.ts'
import { isId } from '../../kernel/ids.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { readForm } from '../../platform/http/validate.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { placeCommentByNumber } from '../placement.service.ts'
import { translator } from '../../platform/i18n/messages.ts'
import { refusalIn } from './editor-refusals.ts'
import { problemsIn } from '../../site/form.tsx'

/**
 * The editor's control for placing a carried comment, without JavaScript: the form on each carried
 * comment of a thread (src/comments/pages/placement-form.tsx) posts here, and the answer is the thread
 * the comment now shows in (303), or a page saying why it stayed where it was.
 */
export const placementPageRoutes = ({ database: { db }, assets }: Deps) => {
  const { message } = personalPages(assets)
  return new Hono<AppEnv>().post('/g/:slug/:n/placements/:commentId', async (c) => {
    const slug = c.req.param('slug')
    const n = c.req.param('n')
    const commentId = c.req.param('commentId')
    if (!/^[1-9]\d{0,8}$/.test(n) || !isId(commentId)) throw notFound('That comment')
    const number = Number(n)
    const form = await readForm(c)
    const paragraph = form.removed ? null : (form.paragraph ?? '').trim()
    // The thread the form was on, when it is one of this edition's pages; else the edition itself.
    const from = form.from ?? ''
    const within = `/g/${encodeURIComponent(slug)}/${n}/`
    const back = from.startsWith(within) && !/[\\\s]|\/\//.test(from) ? from : undefined
    try {
      const placed = await placeCommentByNumber(db, c.get('viewer'), {
        slug,
        number,
        commentId: Number(commentId),
        paragraph,
      })
      const to = placed.anchor.blockKey
      return c.redirect(
        to === null
          ? `/g/${encodeURIComponent(slug)}/${n}/removed#c${commentId}`
          : threadUrl({ slug, number, blockKey: to }, { comment: commentId }),
        303,
      )
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) throw error
      const lang = c.get('lang')
      const t = translator(lang)
      // The one refusal of input here is a number this edition has no paragraph for: said so in Welsh too.
      // Else the field's own reason (an empty number), in the reader's language where the catalogue has it.
      const why =
        lang !== 'en' && error.code === 'invalid' && paragraph
          ? t('placement.noParagraph', { number, paragraph })
          : lang !== 'en' && error.code === 'invalid'
            ? (problemsIn(lang, error).fields[0]?.message ?? refusalIn(lang, error))
            : refusalIn(lang, error)
      return message(
        c,
        t('placement.stayed'),
        <p>
          {why}{' '}
          {back ? (
            <a href={back}>{t('placement.back')}</a>
          ) : (
            <a href={`/g/${encodeURIComponent(slug)}/${n}`}>{t('placement.backToEdition', { number })}</a>
          )}
        </p>,
        error.status,
      )
    }
  })
}
