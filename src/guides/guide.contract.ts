import { body, declare, json, page, problem } from '../platform/http/contract.ts'
import {
  EditionParams,
  EditionView,
  GuideParams,
  GuideSummary,
  GuideView,
  ImportedGuide,
  NewGuide,
} from './guide.schemas.ts'
import { OnePageQuery } from '../platform/http/cursor.ts'

/** Guides and their editions as readers see them, and importing a new guide. */
export const guideContract = {
  list: declare({
    method: 'get',
    path: '/guides',
    tag: 'guides',
    summary: 'Guides you may read',
    access: 'anyone',
    request: { query: OnePageQuery },
    responses: {
      200: json(page(GuideSummary), 'A page of guides; `next` is always null, as all fit on one'),
    },
  }),
  create: declare({
    method: 'post',
    path: '/guides',
    tag: 'guides',
    summary: 'Import a guide: edition 1, a draft; you become its editor',
    access: 'editors',
    request: { body: body(NewGuide) },
    responses: {
      201: json(ImportedGuide, 'The guide; its address in Location'),
      409: problem('The slug is taken'),
      413: problem('Too large'),
      422: problem('Not a guide Gloss can take'),
    },
  }),
  guide: declare({
    method: 'get',
    path: '/guides/{slug}',
    tag: 'guides',
    summary: 'A guide with its editions',
    access: 'anyone',
    request: { params: GuideParams },
    responses: { 200: json(GuideView, 'The guide') },
  }),
  edition: declare({
    method: 'get',
    path: '/guides/{slug}/editions/{n}',
    tag: 'guides',
    summary: 'An edition with its blocks (`key, ordinal, kind, number, text, html, commentCount`)',
    access: 'anyone',
    request: { params: EditionParams },
    responses: { 200: json(EditionView, 'The edition; drafts only for its editors') },
  }),
}
