import { z } from '@hono/zod-openapi'
import { isId } from '../kernel/ids.ts'
import { body, declare, empty, idParam, json, page, problem } from '../platform/http/contract.ts'
import { GuideParams, GuideSettingsChange, GuideSettingsView } from '../guides/guide.schemas.ts'
import {
  AdminChange,
  AuditEntry,
  InstanceSettings,
  InstanceSettingsView,
  Introduction,
  Participants,
  Person,
  ResetLink,
  RoleChange,
} from './people.schemas.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'
import { CursorQuery, OnePageQuery } from '../platform/http/cursor.ts'

const PersonParams = z.object({ id: idParam('That person') })
const RoleParams = GuideParams.extend({ personId: idParam('That person') })
const AuditQuery = z.object({
  cursor: z
    .string()
    .refine(isId, fieldMessage('field.nextValue'))
    .optional()
    .openapi({ description: 'The `next` of the page before: older entries than those' }),
})

/** Who takes part in a guide and in which role, and what admins keep: people, the audit log, settings. */
export const peopleContract = {
  participants: declare({
    method: 'get',
    path: '/guides/{slug}/participants',
    tag: 'people',
    summary: "The guide's participants and their introductions",
    access: 'anyone',
    request: { params: GuideParams, query: OnePageQuery },
    responses: { 200: json(Participants, 'The participants, named as the guide allows, in one page') },
  }),
  introduce: declare({
    method: 'put',
    path: '/guides/{slug}/participants/me',
    tag: 'people',
    summary: 'Your introduction on a guide',
    access: 'people taking part in the guide',
    request: { params: GuideParams, body: body(Introduction) },
    responses: { 204: empty('Saved') },
  }),
  changeRole: declare({
    method: 'put',
    path: '/guides/{slug}/roles/{personId}',
    tag: 'people',
    summary: "Give or take a person's role on the guide",
    access: 'editors of the guide',
    request: { params: RoleParams, body: body(RoleChange) },
    responses: { 204: empty('Changed') },
  }),
  guideSettings: declare({
    method: 'patch',
    path: '/guides/{slug}/settings',
    tag: 'guides',
    summary: 'How names show to the public, whether comments may be published by default, moderation',
    access: 'editors of the guide',
    request: { params: GuideParams, body: body(GuideSettingsChange) },
    responses: { 200: json(GuideSettingsView, 'The settings') },
  }),
  people: declare({
    method: 'get',
    path: '/people',
    tag: 'admin',
    summary: 'Everyone with an account',
    access: 'admins',
    request: { query: CursorQuery },
    responses: { 200: json(page(Person), 'A page of everyone, oldest account first') },
  }),
  changeAdmin: declare({
    method: 'patch',
    path: '/people/{id}',
    tag: 'admin',
    summary: 'Make or unmake an admin',
    access: 'admins',
    request: { params: PersonParams, body: body(AdminChange) },
    responses: {
      204: empty('Changed'),
      409: problem('You cannot remove your own admin role: another admin can'),
    },
  }),
  resetLink: declare({
    method: 'post',
    path: '/people/{id}/reset-link',
    tag: 'admin',
    summary: 'A one-time password reset link (no mail server needed)',
    access: 'admins',
    request: { params: PersonParams },
    responses: { 201: json(ResetLink, '`{url, token}`') },
  }),
  audit: declare({
    method: 'get',
    path: '/audit',
    tag: 'admin',
    summary: 'The append-only audit log, newest first',
    access: 'admins',
    request: { query: AuditQuery },
    responses: { 200: json(page(AuditEntry), 'A page of the log, newest first') },
  }),
  settings: declare({
    method: 'get',
    path: '/settings',
    tag: 'admin',
    summary: 'Instance settings',
    access: 'admins',
    responses: { 200: json(InstanceSettingsView, 'The settings') },
  }),
  changeSettings: declare({
    method: 'put',
    path: '/settings',
    tag: 'admin',
    summary: 'Change instance settings (open sign-up)',
    access: 'admins',
    request: { body: body(InstanceSettings) },
    responses: { 200: json(InstanceSettingsView, 'The settings') },
  }),
}
