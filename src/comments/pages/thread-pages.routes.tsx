import { Hono, type Context } from 'hono'
import { CommentEdit, Hide, IdempotencyKey, NewComment, NewFlag } from '../comment.schemas.ts'
import { setAgreement } from '../agreement.service.ts'
import { acceptSuggestion } from '../../decisions/acceptance.service.ts'
import { AcceptanceInput } from '../../decisions/acceptance.contract.ts'
import { editComment, flagComment, withdrawComment } from '../comment-change.service.ts'
import { REMOVED } from '../removed-text.ts'
import {
  flagsOnComments,
  guideOfComment,
  paragraphAsRead,
  profileOrganisation,
  threadBlock,
} from '../thread-page.service.ts'
import { chosenText } from '../../editions/translation.service.ts'
import { listThread, postComment } from '../comment.service.ts'
import { takesComments } from '../../editions/transition.service.ts'
import { placingAllowed } from '../../editions/placement.service.ts'
import { DomainError, invalid, notFound } from '../../kernel/errors.ts'
import { fieldMessage } from '../../platform/i18n/field-messages.ts'
import { wordingFromForm } from '../form-wording.ts'
import { isKey } from '../../kernel/keys.ts'
import { getEdition } from '../../guides/reading.service.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { editionNumber, tagIn } from '../../platform/http/params.ts'
import { check, readForm } from '../../platform/http/validate.ts'
import { hideComment, restoreComment } from '../../moderation/moderation.service.ts'
import { signUpOpen } from '../../people/account.service.ts'
import { idFrom } from '../../kernel/ids.ts'
import { may } from '../../people/policy.ts'
import type { Viewer } from '../../people/viewer.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import { problemsIn, RefusalWords } from '../../site/form.tsx'
import { submitForm } from '../../site/form-route.ts'
import { followingOf } from '../../notifications/follow.service.ts'
import { given } from '../../site/form-values.ts'
import { signInUrl } from '../../site/sign-in.ts'
import type { FailedForm } from './comment-forms.tsx'
import { RemovedPage } from './removed.page.tsx'
import { consentValue } from './comment-forms.tsx'
import { ThreadPage } from './thread.page.tsx'
import { phrasesInOrder } from '../quoted-phrases.service.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator, type MessageKey } from '../../platform/i18n/messages.ts'
import { isCursor, threadUrl, type CommentAction, type ThreadPlace } from '../urls.ts'

/** A comment is at most 10,000 characters; sent as a form, each may take up to 9 bytes. */

/** How many pages of a thread to look through for the page a new comment landed on. */
const MAX_PAGES_SEARCHED = 20

const BLOCK_THREAD = '/g/:slug/:n/b/:key'
const GENERAL_THREAD = '/g/:slug/:n/discussion'

/** The short confirmation after a redirect (`?done=`), where the page itself would not show the change. */
const DONE: Record<string, MessageKey> = {
  pending: 'threadDone.pending',
  flagged: 'threadDone.flagged',
  withdrawn: 'threadDone.withdrawn',
  hidden: 'threadDone.hidden',
  restored: 'threadDone.restored',
  accepted: 'threadDone.accepted',
}

/** Only DONE's own keys: `?done=constructor` names no notice. */
const noticeOf = (lang: Lang, done: string | undefined) => {
  const key = done !== undefined && Object.hasOwn(DONE, done) ? DONE[done] : undefined
  return key === undefined ? undefined : translator(lang)(key)
}

const ERROR_TITLES: Partial<Record<number, MessageKey>> = {
  401: 'threadError.401',
  403: 'threadError.403',
  404: 'problem.status.404',
  409: 'threadError.409',
  413: 'form.tooMuch',
  429: 'threadError.429',
}

/** The thread page a form under `path` was on: `/g/s/1/b/key/comments/…` or `/g/s/1[/discussion]/comments…`. */
const threadOfPath = (path: string) => {
  const match = /^(\/g\/[^/]+\/[^/]+)(\/b\/[^/]+|\/discussion)?\/comments(\/|$)/.exec(path)
  return match ? `${match[1] ?? ''}${match[2] ?? '/discussion'}` : '/'
}

/** The thread a form was sent from, in the text it was read in: the form's address keeps `?text=` (urls.ts). */
const backToThread = (c: Context) => {
  const text = tagIn(c.req.query('text'))
  return `${threadOfPath(c.req.path)}${text === undefined ? '' : `?text=${encodeURIComponent(text)}`}`
}

/** The consent fields of a comment form as the API has them; a form without them changes neither. */
const consentOf = (form: Record<string, string>) => {
  const shown = consentValue(form.public)
  return {
    ...(shown === undefined ? {} : { public: shown }),
    ...(form.onBehalfOf === undefined ? {} : { onBehalfOf: form.onBehalfOf.trim() || null }),
  }
}

/**
 * A refusal the person can correct in the form (422) comes back as that form. English keeps the words
 * of the code that refused; Welsh says what the refusal's code means (problem-words.ts).
 */
const failedForm = (
  lang: Lang,
  form: string,
  values: Record<string, string>,
  error: DomainError,
): FailedForm => {
  return {
    form,
    values,
    problems: problemsIn(lang, error),
    ...(typeof error.extensions.currentText === 'string' ? { current: error.extensions.currentText } : {}),
  }
}

/**
 * The thread pages: a block's comments and the edition's general discussion, with plain HTML forms over
 * the same services as the JSON API (comment.routes.ts, moderation.routes.ts), complete without
 * JavaScript. Every action answers 303 back to the thread at the comment; a form the person can correct
 * comes back with what they typed and an error summary (422).
 */
export const threadPageRoutes = ({ database: { db }, config, assets }: Deps) => {
  const { page, message, formLimit: limitForm } = personalPages(assets)
  const formLimit = limitForm((c) => (
    <a href={backToThread(c)}>{translator(c.get('lang'))('threadPage.backToComments')}</a>
  ))

  const placeOf = (c: Context<AppEnv>, general: boolean): ThreadPlace => {
    const slug = c.req.param('slug') ?? ''
    const number = editionNumber(c.req.param('n'))
    const text = tagIn(c.req.query('text'))
    if (general) return { slug, number, blockKey: null, text }
    const key = c.req.param('key') ?? ''
    if (!isKey(key)) throw notFound(`The paragraph "${key}"`)
    return { slug, number, blockKey: key, text }
  }

  const renderThread = async (
    c: Context<AppEnv>,
    asked: ThreadPlace,
    extra: {
      cursor?: string | undefined
      notice?: string | undefined
      failed?: FailedForm
      /** A refused form's own status: 422 unless it is one the page explains (a 409). */
      status?: 409 | 422
    } = {},
  ) => {
    const viewer = c.get('viewer')
    const { guide, edition } = await getEdition(db, asked.slug, asked.number, viewer)
    const block = asked.blockKey === null ? null : await threadBlock(db, edition.id, asked.blockKey)
    if (block === undefined) throw notFound(`The paragraph "${asked.blockKey ?? ''}"`)
    const read = block
      ? await paragraphAsRead(db, edition.id, block, guide.lang, asked.text, c.get('lang'))
      : null
    const chosen = read
      ? read.text
      : (await chosenText(db, edition, guide.lang, asked.text, c.get('lang'))).lang
    // A text the edition does not have is not kept in the page's links.
    const place: ThreadPlace = { ...asked, text: asked.text === chosen ? asked.text : undefined }
    const [{ items, next }, openSignUp, quotes, follows, organisation] = await Promise.all([
      listThread(db, viewer, { ...place, cursor: extra.cursor }),
      signUpOpen(db),
      block && read ? phrasesInOrder(db, edition.id, { key: block.key, text: read.paragraph.text }) : [],
      followingOf(db, viewer, guide.id),
      viewer.person ? profileOrganisation(db, viewer.person.id) : '',
    ])
    const moderate = may(viewer, 'moderate', guide)
    const accept = may(viewer, 'decide', guide) && may(viewer, 'edit', guide)
    // Offered only where placing can work: never in a published edition, nor one a later edition followed.
    const placeable = may(viewer, 'edit', guide) && (await placingAllowed(db, guide.id, edition))
    // Who flagged a comment and why is for the guide's moderators alone: nobody else's page asks.
    const flags = moderate
      ? await flagsOnComments(
          db,
          items.map((item) => Number(item.id)),
          c.get('lang'),
        )
      : undefined
    return page(
      c,
      <ThreadPage
        assets={assets}
        place={place}
        guide={guide}
        edition={edition}
        block={block}
        paragraph={read?.paragraph}
        quoteLang={read?.quoteLang}
        quotes={quotes}
        items={items}
        next={next}
        cursor={extra.cursor}
        can={{
          signedIn: viewer.person !== null,
          comment: may(viewer, 'comment', { id: guide.id, openSignUp }),
          open: takesComments(edition),
          moderate,
          accept,
          place: placeable,
        }}
        notice={extra.notice}
        failed={extra.failed}
        flags={flags}
        consent={{ publishByDefault: guide.publishByDefault, organisation }}
        following={
          viewer.person === null
            ? undefined
            : place.blockKey === null
              ? follows.guide
              : follows.keys.has(place.blockKey)
        }
        language={c.get('lang')}
      />,
      extra.failed ? (extra.status ?? 422) : 200,
    )
  }

  /** The page of the thread a comment is on, looking from the page its form was on. */
  const pageOf = async (viewer: Viewer, place: ThreadPlace, id: string, from: string | undefined) => {
    let cursor = from
    for (let i = 0; i < MAX_PAGES_SEARCHED; i++) {
      const { items, next } = await listThread(db, viewer, { ...place, cursor })
      if (items.some((item) => item.id === id)) return cursor
      if (next === null) break
      cursor = next
    }
    return from
  }

  /** "Comments on removed text" of an edition, read-only: their threads live where they were written. */
  const showRemoved = async (c: Context<AppEnv>) => {
    const viewer = c.get('viewer')
    const slug = c.req.param('slug') ?? ''
    const number = editionNumber(c.req.param('n'))
    const { guide, edition } = await getEdition(db, slug, number, viewer)
    const cursor = c.req.query('cursor')
    const { items, next } = await listThread(db, viewer, {
      slug,
      number,
      blockKey: REMOVED,
      cursor: isCursor(cursor) ? cursor : undefined,
    })
    return page(
      c,
      <RemovedPage
        assets={assets}
        guide={guide}
        edition={edition}
        items={items}
        next={next}
        language={c.get('lang')}
      />,
    )
  }

  const show = (general: boolean) => (c: Context<AppEnv>) => {
    const cursor = c.req.query('cursor')
    return renderThread(c, placeOf(c, general), {
      cursor: isCursor(cursor) ? cursor : undefined,
      notice: noticeOf(c.get('lang'), c.req.query('done')),
    })
  }

  const post = (general: boolean) => async (c: Context<AppEnv>) => {
    const place = placeOf(c, general)
    const form = await readForm(c)
    const cursor = isCursor(form.cursor) ? form.cursor : undefined
    const parentId = given(form.parentId)
    const formName = parentId && /^\d{1,10}$/.test(parentId) ? `reply-${parentId}` : 'new'
    const quote = given(form.quote)
    // The wording field is on the form whatever the kind: only a suggestion sends what it holds, and
    // with a quote, what replaced the quote in the paragraph the box started as.
    const proposal =
      form.kind === 'suggestion' && form.proposal !== undefined
        ? wordingFromForm(form.proposal, quote, form.wordingFrom)
        : undefined
    return submitForm(
      async () => {
        if (proposal === null)
          throw invalid('The suggested wording changes words outside the ones quoted.', [
            { pointer: '/proposal', detail: fieldMessage('field.wordingOutsideQuote') },
          ])
        const input = check(NewComment, {
          kind: form.kind ?? '',
          body: form.body ?? '',
          ...(quote === undefined ? {} : { quote: { exact: quote } }),
          ...(parentId === undefined ? {} : { parentId }),
          ...(proposal === undefined ? {} : { proposal }),
          ...consentOf(form),
        })
        const token = given(form.idempotency)
        const { comment } = await postComment(db, config, c.get('viewer'), {
          ...place,
          input,
          idempotencyKey: token === undefined ? undefined : check(IdempotencyKey, token),
        })
        return comment
      },
      {
        done: async (comment) => {
          const at = await pageOf(c.get('viewer'), place, comment.id, cursor)
          return c.redirect(
            threadUrl(place, {
              cursor: at,
              done: comment.state === 'pending' ? 'pending' : undefined,
              comment: comment.id,
            }),
            303,
          )
        },
        refused: (error) =>
          renderThread(c, place, { cursor, failed: failedForm(c.get('lang'), formName, form, error) }),
      },
    )
  }

  /**
   * The thread an action's address names, and the comment in it, checked before the action is done: the
   * address is where the person is sent back to, so one naming no thread of this comment's guide is
   * refused (404) with nothing done, rather than failing on the way back after the change.
   */
  const actionPlace = async (c: Context<AppEnv>, general: boolean) => {
    const place = placeOf(c, general)
    const id = idFrom(c.req.param('id'), 'That comment')
    const { guide } = await getEdition(db, place.slug, place.number, c.get('viewer'))
    if ((await guideOfComment(db, id)) !== guide.id) throw notFound('That comment')
    return { place, id }
  }

  /** An action on one comment by its own form: the service decides, the person comes back to the comment. */
  const act =
    <T,>(
      general: boolean,
      action: CommentAction,
      run: (viewer: Viewer, id: number, form: Record<string, string>) => Promise<T>,
      done?: (result: T) => string | undefined,
      shown?: (error: DomainError) => boolean,
    ) =>
    async (c: Context<AppEnv>) => {
      const { place, id } = await actionPlace(c, general)
      const form = await readForm(c)
      const cursor = isCursor(form.cursor) ? form.cursor : undefined
      return submitForm(
        () => run(c.get('viewer'), id, form),
        {
          done: (result) =>
            c.redirect(threadUrl(place, { cursor, done: done?.(result), comment: String(id) }), 303),
          refused: (error) => {
            if (error.status !== 422 && !shown?.(error)) throw error
            return renderThread(c, place, {
              cursor,
              failed: failedForm(c.get('lang'), `${action}-${String(id)}`, form, error),
              status: error.status === 409 ? 409 : 422,
            })
          },
        },
        shown ? [422, 409] : [422],
      )
    }

  const app = new Hono<AppEnv>()
  for (const [base, general] of [
    [BLOCK_THREAD, false],
    [GENERAL_THREAD, true],
  ] as const) {
    app.get(base, show(general))
    app.post(
      `${base}/comments/:id/edit`,
      formLimit,
      act(
        general,
        'edit',
        (viewer, id, form) =>
          editComment(
            db,
            config,
            viewer,
            id,
            check(CommentEdit, {
              kind: given(form.kind),
              body: form.body ?? '',
              // As when posting: the wording field is on the form whatever the kind, and only a
              // suggestion sends what it holds (the API's PATCH then checks it with the same rules).
              ...(form.kind === 'suggestion' && form.proposal !== undefined
                ? { proposal: form.proposal }
                : {}),
              ...consentOf(form),
            }),
          ),
        (comment) => (comment.state === 'pending' ? 'pending' : undefined),
      ),
    )
    app.post(
      `${base}/comments/:id/withdraw`,
      formLimit,
      act(
        general,
        'withdraw',
        (viewer, id) => withdrawComment(db, viewer, id),
        () => 'withdrawn',
      ),
    )
    app.post(
      `${base}/comments/:id/flag`,
      formLimit,
      act(
        general,
        'flag',
        (viewer, id, form) =>
          flagComment(db, config, viewer, id, check(NewFlag, { reason: form.reason ?? '' }).reason),
        () => 'flagged',
      ),
    )
    app.post(
      `${base}/comments/:id/hide`,
      formLimit,
      act(
        general,
        'hide',
        (viewer, id, form) =>
          hideComment(
            db,
            viewer,
            id,
            check(Hide, { reasonCode: form.reasonCode ?? '', reason: form.reason ?? '' }),
          ),
        () => 'hidden',
      ),
    )
    app.post(
      `${base}/comments/:id/restore`,
      formLimit,
      act(
        general,
        'restore',
        (viewer, id) => restoreComment(db, viewer, id),
        () => 'restored',
      ),
    )
    app.post(
      `${base}/comments/:id/agree`,
      formLimit,
      act(general, 'agree', (viewer, id, form) => setAgreement(db, config, viewer, id, form.agree !== 'no')),
    )
    app.post(
      `${base}/comments/:id/accept`,
      formLimit,
      act(
        general,
        'accept',
        (viewer, id, form) =>
          acceptSuggestion(db, viewer, id, check(AcceptanceInput, { response: given(form.response) })),
        () => 'accepted',
        // Words changed in the draft meanwhile: the form says so, with the paragraph as it is now.
        (error) => error.code === 'suggestion-outdated',
      ),
    )
  }
  app.get('/g/:slug/:n/removed', showRemoved)
  app.post(`${BLOCK_THREAD}/comments`, formLimit, post(false))
  app.post('/g/:slug/:n/comments', formLimit, post(true))

  // A refused action that is not a form to correct (closed, not allowed, gone): say why, and lead back.
  app.onError((error, c) => {
    if (!(error instanceof DomainError) || c.req.method === 'GET' || c.req.method === 'HEAD') throw error
    for (const [name, value] of Object.entries(error.headers)) c.header(name, value)
    const back = backToThread(c)
    const lang = c.get('lang')
    const t = translator(lang)
    return message(
      c,
      t(ERROR_TITLES[error.status] ?? 'message.refused.title'),
      <p>
        <RefusalWords lang={lang} error={error} />{' '}
        {error.status === 401 ? (
          <a href={signInUrl(back)}>{t('threadPage.signInThenBack')}</a>
        ) : (
          <a href={back}>{t('threadPage.backToComments')}</a>
        )}
        .
      </p>,
      error.status,
    )
  })
  return app
}
