import { Hono, type Context } from 'hono'
import type { DomainError } from '../../kernel/errors.ts'
import { idFrom } from '../../kernel/ids.ts'
import { guidePath } from '../../guides/urls.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { setSignInCookies } from '../../platform/http/device-cookie.ts'
import { check, readForm } from '../../platform/http/validate.ts'
import { problemsIn } from '../../site/form.tsx'
import { rich, slot } from '../../site/rich-message.tsx'
import { translator } from '../../platform/i18n/messages.ts'
import { submitForm } from '../../site/form-route.ts'
import { given, numberField, typedAgain } from '../../site/form-values.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import * as invitations from '../invitation.service.ts'
import * as schemas from '../people.schemas.ts'
import { linkOrigin, userAgent } from '../request.ts'
import { invitationsPath } from '../urls.ts'
import { GuideInvitationsPage, INVITATION_NOTE } from './guide-invitations.page.tsx'
import { InvitationPage } from './invitation.page.tsx'
import { roleLabel } from './admin-nav.tsx'

/** Invitations: a guide's editors make and withdraw them; anyone with one joins the guide by it. */
export const invitationPageRoutes = ({ database: { db }, config, assets }: Deps) => {
  const { page, message, formLimit: limitForm } = personalPages(assets)
  const formLimit = limitForm()

  const invitationPage = async (
    c: Context<AppEnv>,
    token: string,
    extra: { values?: Record<string, string>; error?: DomainError } = {},
  ) => {
    const held = await invitations.partAlreadyHeld(db, c.get('viewer'), token)
    if (held) {
      const t = translator(c.get('lang'))
      return message(
        c,
        t('invitation.already.title'),
        <p>
          {rich(
            t('invitation.already.body', {
              title: held.title,
              role: roleLabel(held.role, c.get('lang')).toLowerCase(),
              link: slot('link'),
            }),
            { link: <a href={guidePath(held.guide)}>{t('permalink.readGuide')}</a> },
          )}
        </p>,
      )
    }
    const invitation = await invitations.invitationToJoin(db, token)
    if (!invitation.usable) {
      const t = translator(c.get('lang'))
      return message(
        c,
        t('invitation.unusable.title'),
        <p>
          {invitation.guideReadable
            ? rich(t('invitation.unusable.body', { link: slot('link') }), {
                link: <a href={guidePath(invitation.guide)}>{t('permalink.readGuide')}</a>,
              })
            : // A guide held in draft is not found by its invitees: no link to it.
              t('invitation.unusable.bodyNoGuide')}
        </p>,
        410,
      )
    }
    return page(
      c,
      <InvitationPage
        assets={assets}
        token={token}
        invitation={invitation}
        signedInAs={c.get('viewer').person?.displayName}
        values={extra.values ?? {}}
        problems={extra.error && problemsIn(c.get('lang'), extra.error)}
        language={c.get('lang')}
      />,
      extra.error?.status ?? 200,
    )
  }

  const invitationsPage = async (
    c: Context<AppEnv>,
    slug: string,
    extra: {
      created?: Awaited<ReturnType<typeof invitations.createInvitation>>
      values?: Record<string, string>
      error?: DomainError
    } = {},
  ) => {
    const { guide, invitations: list } = await invitations.guideInvitations(db, c.get('viewer'), slug)
    return page(
      c,
      <GuideInvitationsPage
        assets={assets}
        guide={{ slug, title: guide.title }}
        invitations={list}
        mailEnabled={config.mail !== undefined}
        created={extra.created}
        values={extra.values ?? {}}
        problems={extra.error && problemsIn(c.get('lang'), extra.error)}
      />,
      extra.error?.status ?? (extra.created ? 201 : 200),
    )
  }

  return new Hono<AppEnv>()
    .get('/invitations/:token', (c) => invitationPage(c, c.req.param('token')))
    .post('/invitations/:token', formLimit, async (c) => {
      const token = c.req.param('token')
      const form = await readForm(c)
      return submitForm(
        () =>
          invitations.acceptInvitation(
            db,
            config,
            c.get('viewer'),
            token,
            c.get('viewer').person
              ? {}
              : check(schemas.AcceptInvitation, {
                  displayName: given(form.displayName),
                  email: given(form.email),
                  password: form.password === '' ? undefined : form.password,
                }),
            userAgent(c),
          ),
        {
          done: (result) => {
            if (result.session) setSignInCookies(c, config, result.session)
            // The guide's address: its current edition, or, while it has none they may read, word that
            // they have joined and will be told when the consultation opens.
            return c.redirect(guidePath(result.guide), 303)
          },
          refused: (error) => invitationPage(c, token, { values: typedAgain(form), error }),
        },
        // 409: an account has that email; its owner is pointed to signing in first.
        [409, 422],
      )
    })

    .get('/g/:slug/invitations', (c) => invitationsPage(c, c.req.param('slug')))
    .post('/g/:slug/invitations', formLimit, async (c) => {
      const slug = c.req.param('slug')
      const form = await readForm(c)
      return submitForm(
        async () => {
          // One address a line (or separated by commas), as people paste them from a list.
          const emails = (form.emails ?? '').split(/[\s,;]+/).filter((address) => address !== '')
          const input = check(schemas.NewInvitation, {
            role: form.role,
            expiresInDays: numberField(form.expiresInDays),
            maxUses: numberField(form.maxUses),
            ...(emails.length > 0 ? { emails } : {}),
          })
          const { note } = check(INVITATION_NOTE[c.get('lang')], { note: form.note ?? '' })
          return invitations.createInvitation(
            db,
            c.get('viewer'),
            slug,
            input,
            linkOrigin(config, c),
            note,
            config.mail !== undefined,
          )
        },
        {
          done: (created) => invitationsPage(c, slug, { created }),
          refused: (error) => invitationsPage(c, slug, { values: typedAgain(form), error }),
        },
      )
    })
    .post('/g/:slug/invitations/:id/revoke', formLimit, async (c) => {
      const slug = c.req.param('slug')
      const id = idFrom(c.req.param('id'), 'That invitation')
      await invitations.revokeInvitation(db, c.get('viewer'), slug, id)
      return c.redirect(invitationsPath(slug), 303)
    })
}
