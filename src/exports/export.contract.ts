import { z } from '@hono/zod-openapi'
import { declare, empty, idParam } from '../platform/http/contract.ts'
import { EditionParams } from '../guides/guide.schemas.ts'
import { AnnotationCollection, AnnotationDocument, AnnotationPage, FeedbackRecord } from './export.schemas.ts'
import { fieldMessage } from '../platform/i18n/field-messages.ts'

/** The CSV's text: a header row, then a row per comment. */
const FeedbackCsv = z.string().openapi({
  description:
    'RFC 4180 with CRLF line ends, UTF-8 with a byte-order mark; a cell that a spreadsheet would read as a formula starts with an apostrophe',
})

/** Web Annotations are JSON-LD, named by their context as the protocol asks. */
const jsonLd = <S extends z.ZodType>(schema: S, description: string) => ({
  description: `${description} (\`application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"\`)`,
  content: { 'application/ld+json': { schema } },
})

/** An edition's feedback as CSV and JSON, and its comments as W3C Web Annotations. */
export const exportContract = {
  feedbackCsv: declare({
    method: 'get',
    path: '/guides/{slug}/editions/{n}/feedback.csv',
    tag: 'exports',
    summary:
      'Every comment on the edition as CSV (RFC 4180, UTF-8 with a BOM), with the successor block in the next edition; streamed',
    access: 'anyone',
    request: { params: EditionParams },
    responses: {
      200: {
        description: 'The CSV, as an attachment',
        content: { 'text/csv': { schema: FeedbackCsv } },
      },
    },
  }),
  feedbackJson: declare({
    method: 'get',
    path: '/guides/{slug}/editions/{n}/feedback.json',
    tag: 'exports',
    summary: 'The same rows as JSON, streamed',
    access: 'anyone',
    request: { params: EditionParams },
    responses: {
      // Declared with the charset it is sent with. The response check reads only plain
      // `application/json` answers whole, which would hold an export of a hundred thousand comments in
      // memory: this one is written as it is read, and its rows are checked by exports.test.ts.
      200: {
        description: 'An array of rows, as an attachment',
        content: { 'application/json; charset=utf-8': { schema: z.array(FeedbackRecord) } },
      },
    },
  }),
  annotations: declare({
    method: 'get',
    path: '/guides/{slug}/editions/{n}/annotations.jsonld',
    tag: 'exports',
    summary: "The edition's comments as a W3C Web Annotation AnnotationCollection; `?page=` for its pages",
    access: 'anyone',
    request: {
      params: EditionParams,
      query: z.object({
        page: z
          .string()
          .regex(/^(0|[1-9]\d{0,8})$/, fieldMessage('field.exportPage'))
          .transform(Number)
          .optional()
          .openapi({ description: 'A page of the collection, from 0' }),
      }),
    },
    responses: {
      200: jsonLd(
        z.union([AnnotationCollection, AnnotationPage]),
        'An AnnotationCollection, or with `?page=` an AnnotationPage',
      ),
    },
  }),
  annotation: declare({
    method: 'get',
    path: '/comments/{id}/annotation.jsonld',
    tag: 'exports',
    summary: 'One comment as a W3C Web Annotation',
    access: 'anyone',
    request: {
      params: z.object({ id: idParam('That comment') }),
      headers: z.object({ 'if-none-match': z.string().optional() }),
    },
    responses: {
      200: jsonLd(AnnotationDocument, 'An Annotation; its ETag in the header'),
      304: empty('Unchanged since If-None-Match'),
    },
  }),
}
