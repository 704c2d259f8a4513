import { z } from '@hono/zod-openapi'
import { body, declare, idParam, json, problem } from '../platform/http/contract.ts'
import { EditionParams, GuideParams } from '../guides/guide.schemas.ts'
import {
  CreatedEdition,
  EditionLineage,
  MovedEdition,
  Placement,
  PlacementInput,
  RevisionInput,
  RevisionPreview,
  Transition,
  Translation,
  TranslationInput,
  WorkingDraft,
  WorkingDraftInput,
} from './edition.schemas.ts'

/** Editions: their lineage, revising into the next one, and draft → open → closed → published. */
export const editionContract = {
  preview: declare({
    method: 'post',
    path: '/guides/{slug}/editions/preview',
    tag: 'editions',
    summary:
      'The lineage a revision would have (of `markdown`, or without it of the working draft), and where each comment would land; creates nothing',
    access: 'editors of the guide',
    request: { params: GuideParams, body: body(RevisionInput) },
    responses: {
      200: json(RevisionPreview, 'The next edition as it would be'),
      409: problem('Another edition was created since `base`'),
    },
  }),
  create: declare({
    method: 'post',
    path: '/guides/{slug}/editions',
    tag: 'editions',
    summary:
      'The next edition (a draft) with its lineage, in one transaction: from `markdown`, or without it from the working draft',
    access: 'editors of the guide',
    request: { params: GuideParams, body: body(RevisionInput) },
    responses: {
      201: json(CreatedEdition, 'The edition; its address in Location'),
      409: problem(
        'Another edition was created meanwhile, or (without `markdown`) the working draft was begun from an older edition',
      ),
    },
  }),
  workingDraft: declare({
    method: 'get',
    path: '/guides/{slug}/working-draft',
    tag: 'editions',
    summary: "The guide's working draft as one text: the newest edition's until its editors change it",
    access: 'editors of the guide',
    request: { params: GuideParams },
    responses: {
      200: json(WorkingDraft, 'The draft; its ETag in the header, for If-Match'),
      409: problem('The draft was begun from an older edition than the newest: replace or discard it'),
    },
  }),
  replaceWorkingDraft: declare({
    method: 'put',
    path: '/guides/{slug}/working-draft',
    tag: 'editions',
    summary:
      "Replace the working draft's whole text (a revision of the newest edition); If-Match with its ETag is honoured",
    access: 'editors of the guide',
    request: {
      params: GuideParams,
      headers: z.object({ 'if-match': z.string().optional() }),
      body: body(WorkingDraftInput),
    },
    responses: {
      200: json(WorkingDraft, 'The draft as saved; its new ETag in the header'),
      412: problem('The draft changed since its ETag'),
    },
  }),
  lineage: declare({
    method: 'get',
    path: '/guides/{slug}/editions/{n}/lineage',
    tag: 'editions',
    summary: "That edition's lineage: the `gloss diff --json` shape, each block with `key` and `fromKeys`",
    access: 'anyone',
    request: { params: EditionParams },
    responses: { 200: json(EditionLineage, 'The lineage; every block new in edition 1') },
  }),
  transition: declare({
    method: 'post',
    path: '/guides/{slug}/editions/{n}/transitions',
    tag: 'editions',
    summary: 'Open, close or publish an edition',
    access: 'editors of the guide',
    request: { params: EditionParams, body: body(Transition) },
    responses: {
      200: json(MovedEdition, 'The edition'),
      409: problem('Not a transition this edition can make'),
    },
  }),
  translation: declare({
    method: 'post',
    path: '/guides/{slug}/editions/{n}/translations',
    tag: 'editions',
    summary:
      "The edition's text in a second language, aligned block by block to its own (any state: it adds a text and changes none); replaces an earlier one in that language",
    access: 'editors of the guide',
    request: { params: EditionParams, body: body(TranslationInput) },
    responses: {
      201: json(Translation, 'The translation, each block under the key and number of the one it translates'),
      422: problem(
        'Not the same blocks of the same kinds as the edition, each difference listed; or the guide’s own language',
      ),
    },
  }),
  placement: declare({
    method: 'put',
    path: '/guides/{slug}/editions/{n}/placements/{commentId}',
    tag: 'editions',
    summary:
      'Place a comment carried into edition n on another of its blocks, or (`blockKey: null`) under "comments on removed text"',
    access: 'editors of the guide',
    request: {
      params: EditionParams.extend({ commentId: idParam('That comment') }),
      body: body(PlacementInput),
    },
    responses: {
      200: json(Placement, 'Where the comment now shows, and its quote as found there'),
      409: problem('A published edition never changes'),
    },
  }),
}
