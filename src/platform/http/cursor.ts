import { z } from '@hono/zod-openapi'
import { isId } from '../../kernel/ids.ts'
import { fieldMessage } from '../i18n/field-messages.ts'

/**
 * `?cursor=` of a paged list: the `next` of the page before, which is the id of the last row it showed.
 * Anything else is one the list never gave: a 422 on `/cursor`.
 */
export const CursorQuery = z.object({
  cursor: z
    .string()
    .refine(isId, fieldMessage('field.cursor'))
    .optional()
    .openapi({ description: 'The `next` of the page before' }),
})

/**
 * `?cursor=` of a list that always comes whole, in one page whose `next` is null: it has no cursor to
 * give, so a cursor is refused (422 on `/cursor`) rather than answered with the first page again.
 */
export const OnePageQuery = z.object({
  cursor: z
    .string()
    .refine(() => false, fieldMessage('field.onePage'))
    .optional()
    .openapi({ description: 'None: the whole list is one page, its `next` null' }),
})

/** A page from rows fetched one past `size`: the first `size`, and the last one's id when more follow. */
export function pageOf<R extends { id: number | string }>(rows: readonly R[], size: number) {
  const items = rows.slice(0, size)
  const last = items[items.length - 1]
  return { items, next: rows.length > size && last !== undefined ? String(last.id) : null }
}
