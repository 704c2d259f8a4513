import { z } from '@hono/zod-openapi'
import { body, declare, empty, idParam, json, page, problem } from '../platform/http/contract.ts'
import {
  Admin,
  Erase,
  Me,
  NewAccount,
  PasswordChange,
  Profile,
  ResetPassword,
  Session,
  SignIn,
  SignedIn,
} from './people.schemas.ts'
import { OnePageQuery } from '../platform/http/cursor.ts'

const SessionParams = z.object({ id: idParam('That session') })
const TokenParams = z.object({ token: z.string().openapi({ description: 'The token of the reset link' }) })

const PASSWORD_WORK = problem('Too many password attempts from this address: see Retry-After')
const WRONG_PASSWORD = problem('Too many wrong passwords: see Retry-After')

/** Your account: setting up, signing up, in and out, your details, sessions and password. */
export const accountContract = {
  setup: declare({
    method: 'post',
    path: '/setup',
    tag: 'people',
    summary: 'The first account on an empty instance, made admin',
    access: 'the first person',
    request: { body: body(NewAccount) },
    responses: {
      201: json(Admin, 'The admin, signed in'),
      409: problem('Someone already set this instance up'),
      429: PASSWORD_WORK,
    },
  }),
  signIn: declare({
    method: 'post',
    path: '/session',
    tag: 'people',
    summary: 'Sign in (sets the session cookie)',
    access: 'anyone',
    request: { body: body(SignIn) },
    responses: {
      200: json(SignedIn, 'Signed in'),
      401: problem('Wrong email or password (the same answer for an email with no account)'),
      429: problem('Too many attempts (failures, per account and address): see Retry-After'),
    },
  }),
  signOut: declare({
    method: 'delete',
    path: '/session',
    tag: 'people',
    summary: 'Sign out',
    access: 'anyone',
    responses: { 204: empty('Signed out') },
  }),
  signUp: declare({
    method: 'post',
    path: '/signup',
    tag: 'people',
    summary: 'An account, when the instance allows open sign-up',
    access: 'anyone',
    request: { body: body(NewAccount) },
    responses: {
      201: json(SignedIn, 'The account, signed in'),
      403: problem('Sign-up is by invitation'),
      409: problem('That email cannot have a new account: sign in instead'),
      429: PASSWORD_WORK,
    },
  }),
  me: declare({
    method: 'get',
    path: '/me',
    tag: 'people',
    summary: 'The signed-in person and their roles',
    access: 'signed in',
    responses: { 200: json(Me, 'The person') },
  }),
  changeProfile: declare({
    method: 'patch',
    path: '/me',
    tag: 'people',
    summary: 'Change your name, organisation or description',
    access: 'signed in',
    request: { body: body(Profile) },
    responses: { 200: json(Me, 'The person') },
  }),
  changePassword: declare({
    method: 'post',
    path: '/me/password',
    tag: 'people',
    summary: 'Change your password (ends your other sessions)',
    access: 'signed in',
    request: { body: body(PasswordChange) },
    responses: {
      204: empty('Changed (every reset link for the account stops working)'),
      422: problem('The current password is not right'),
      429: WRONG_PASSWORD,
    },
  }),
  sessions: declare({
    method: 'get',
    path: '/me/sessions',
    tag: 'people',
    summary: 'Your sessions',
    access: 'signed in',
    request: { query: OnePageQuery },
    responses: { 200: json(page(Session), 'Every live session of yours, in one page') },
  }),
  endSession: declare({
    method: 'delete',
    path: '/me/sessions/{id}',
    tag: 'people',
    summary: 'End one of your sessions',
    access: 'signed in',
    request: { params: SessionParams },
    responses: { 204: empty('Ended') },
  }),
  erase: declare({
    method: 'post',
    path: '/me/erase',
    tag: 'people',
    summary: 'Erase your account; what you wrote stays, as "a former participant"',
    access: 'signed in',
    request: { body: body(Erase) },
    responses: {
      204: empty('Erased'),
      422: problem('The password is not right'),
      429: WRONG_PASSWORD,
    },
  }),
  resetPassword: declare({
    method: 'post',
    path: '/password-resets/{token}',
    tag: 'people',
    summary: 'Set a new password with a one-time reset link',
    access: 'anyone',
    request: { params: TokenParams, body: body(ResetPassword) },
    responses: {
      204: empty('Changed (every session and every other reset link of the account ends)'),
      410: problem('Expired, used, or replaced by a newer link'),
      429: PASSWORD_WORK,
    },
  }),
}
