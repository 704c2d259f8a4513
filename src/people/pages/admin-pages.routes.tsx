import { Hono } from 'hono'
import { idFrom } from '../../kernel/ids.ts'
import type { AppEnv, Deps } from '../../platform/http/env.ts'
import { check, readForm } from '../../platform/http/validate.ts'
import { booleanField } from '../../site/form-values.ts'
import { personalPages } from '../../site/personal-pages.tsx'
import * as admin from '../admin.service.ts'
import * as resets from '../password-reset.service.ts'
import * as schemas from '../people.schemas.ts'
import { linkOrigin } from '../request.ts'
import { AdminPeoplePage } from './admin-people.page.tsx'
import { AdminSettingsPage } from './admin-settings.page.tsx'
import { AuditPage } from './audit.page.tsx'
import { ResetLinkPage } from './reset-link.page.tsx'

/** The instance's administration: its people (admins, reset links), its settings and its audit log. */
export const adminPageRoutes = ({ database: { db }, config, assets }: Deps) => {
  const { page, formLimit: limitForm } = personalPages(assets)
  const formLimit = limitForm()

  return new Hono<AppEnv>()
    .get('/admin/people', async (c) => {
      const viewer = c.get('viewer')
      const people = await admin.people(db, viewer)
      return page(c, <AdminPeoplePage assets={assets} people={people} selfId={viewer.person?.id ?? 0} />)
    })
    .post('/admin/people/:id/admin', formLimit, async (c) => {
      const id = idFrom(c.req.param('id'), 'That person')
      const form = await readForm(c)
      const { isAdmin } = check(schemas.AdminChange, { isAdmin: booleanField(form.isAdmin) })
      await admin.changeAdmin(db, c.get('viewer'), id, isAdmin)
      return c.redirect('/admin/people', 303)
    })
    .post('/admin/people/:id/reset-link', formLimit, async (c) => {
      const viewer = c.get('viewer')
      const id = idFrom(c.req.param('id'), 'That person')
      const link = await resets.makeResetLink(db, viewer, id, linkOrigin(config, c))
      const person = (await admin.people(db, viewer)).find((p) => p.id === String(id))
      return page(
        c,
        <ResetLinkPage
          assets={assets}
          person={person ?? { displayName: 'this person', email: null }}
          url={link.url}
          expiresAt={link.expiresAt}
        />,
        201,
      )
    })
    .get('/admin/settings', async (c) => {
      const { openSignUp } = await admin.instanceSettings(db, c.get('viewer'))
      return page(
        c,
        <AdminSettingsPage assets={assets} openSignUp={openSignUp} saved={c.req.query('saved') === '1'} />,
      )
    })
    .post('/admin/settings', formLimit, async (c) => {
      const form = await readForm(c)
      const input = check(schemas.InstanceSettings, {
        openSignUp: booleanField(form.openSignUp ?? 'false'),
      })
      await admin.changeInstanceSettings(db, c.get('viewer'), input)
      return c.redirect('/admin/settings?saved=1', 303)
    })
    .get('/admin/audit', async (c) => {
      const cursor = c.req.query('cursor')
      const before = cursor ? idFrom(cursor, 'That page') : undefined
      const { items, next } = await admin.audit(db, c.get('viewer'), before)
      return page(c, <AuditPage assets={assets} items={items} next={next} older={before !== undefined} />)
    })
}
