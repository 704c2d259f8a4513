import { z } from '@hono/zod-openapi'
import { body, declare, empty, idParam, json, page, problem } from '../platform/http/contract.ts'
import { CommentParams } from '../comments/comment.contract.ts'
import { EditionParams, GuideParams } from '../guides/guide.schemas.ts'
import {
  CommentIds,
  CommentThemes,
  NewTheme,
  Suggestion,
  Tagged,
  ThemeChange,
  ThemeRef,
  ThemeView,
} from './theme.schemas.ts'
import { OnePageQuery } from '../platform/http/cursor.ts'

const ThemeParams = GuideParams.extend({ id: idParam('That theme') })
const ThemeCommentParams = ThemeParams.extend({ commentId: idParam('That comment') })
const nameTaken = problem('Another theme of the guide has that name (`errors` points at /name)')

/** Themes: how a guide's editors group feedback and answer each group once (SPEC.md, "Volume"). */
export const themeContract = {
  list: declare({
    method: 'get',
    path: '/guides/{slug}/themes',
    tag: 'themes',
    summary: "The guide's themes, by name, each with how many comments it gathers",
    access: 'editors of the guide',
    request: { params: GuideParams, query: OnePageQuery },
    responses: { 200: json(page(ThemeView), 'The themes') },
  }),
  create: declare({
    method: 'post',
    path: '/guides/{slug}/themes',
    tag: 'themes',
    summary: 'Create a theme, gathering the comments named (accepting a suggested theme in one action)',
    access: 'editors of the guide',
    request: { params: GuideParams, body: body(NewTheme) },
    responses: { 201: json(ThemeView, 'The theme'), 422: nameTaken },
  }),
  change: declare({
    method: 'patch',
    path: '/guides/{slug}/themes/{id}',
    tag: 'themes',
    summary: "Rename or describe a theme, or record the editors' response to it",
    access: 'editors of the guide',
    request: { params: ThemeParams, body: body(ThemeChange) },
    responses: { 200: json(ThemeView, 'The theme'), 422: nameTaken },
  }),
  remove: declare({
    method: 'delete',
    path: '/guides/{slug}/themes/{id}',
    tag: 'themes',
    summary: 'Delete a theme: its comments lose the tag and nothing else',
    access: 'editors of the guide',
    request: { params: ThemeParams },
    responses: { 204: empty('Deleted') },
  }),
  tag: declare({
    method: 'post',
    path: '/guides/{slug}/themes/{id}/comments',
    tag: 'themes',
    summary: 'Gather comments under a theme, in bulk (tagging one twice changes nothing)',
    access: 'editors of the guide',
    request: { params: ThemeParams, body: body(CommentIds) },
    responses: { 200: json(Tagged, 'How many comments gained the theme, and the theme') },
  }),
  untag: declare({
    method: 'delete',
    path: '/guides/{slug}/themes/{id}/comments/{commentId}',
    tag: 'themes',
    summary: 'Take one comment out of a theme',
    access: 'editors of the guide',
    request: { params: ThemeCommentParams },
    responses: { 200: json(Tagged, 'Whether the comment lost the theme, and the theme') },
  }),
  commentThemes: declare({
    method: 'put',
    path: '/comments/{id}/themes',
    tag: 'themes',
    summary: "Set a comment's themes (all of them: those left out are taken off)",
    access: 'editors of the guide',
    request: { params: CommentParams, body: body(CommentThemes) },
    responses: { 200: json(z.object({ themes: z.array(ThemeRef) }), "The comment's themes, by name") },
  }),
  suggestions: declare({
    method: 'get',
    path: '/guides/{slug}/editions/{n}/theme-suggestions',
    tag: 'themes',
    summary:
      "Suggested themes: phrases many of the edition's comments share, each with the comments it would gather",
    access: 'editors of the guide',
    request: { params: EditionParams, query: OnePageQuery },
    responses: { 200: json(page(Suggestion), 'The suggestions, best first') },
  }),
}
