import { z } from '@hono/zod-openapi'
import { declare, problem } from '../platform/http/contract.ts'
import { EditionParams } from '../guides/guide.schemas.ts'

/**
 * The stream's text, as an EventSource reads it. Not JSON, so the response check leaves it alone and
 * the events flow as they are written.
 */
const EventStream = z.string().openapi({
  description: [
    'Server-Sent Events. The stream opens with `retry` and the `id` it stands at. Each event then has an',
    'increasing `id`, an `event` of `comment.created`, `comment.updated` or `comment.decided`, and as',
    "its `data` the comment as JSON with its block's `blockCount` (or, when the comment has left your",
    'sight, only `{id, state, blockKey, blockCount}`). `: keep-alive` comments come every 20 seconds. A',
    '`reconnect` event, `data` `{reason}`, ends the stream when the server stops or your session or right',
    'to read the edition ends.',
  ].join(' '),
})

/** An edition's live events (live.api.ts says how a stream runs). */
export const liveContract = {
  events: declare({
    method: 'get',
    path: '/guides/{slug}/editions/{n}/events',
    tag: 'comments',
    summary:
      "Server-Sent Events for the edition (`comment.created`, `comment.updated`, `comment.decided`; `reconnect` when the server stops or the viewer's session or right to read the edition ends); `Last-Event-ID` replays",
    access: 'anyone',
    request: {
      params: EditionParams,
      // Any value is taken: one that is not a position is ignored and the stream starts from now.
      headers: z.object({ 'last-event-id': z.string().optional() }),
      query: z.object({
        lastEventId: z
          .string()
          .optional()
          .openapi({ description: 'The same as Last-Event-ID, for clients that cannot set headers' }),
      }),
    },
    responses: {
      200: {
        description: 'An event stream',
        content: { 'text/event-stream': { schema: EventStream } },
      },
      429: problem(
        'This session (or, for the public, this address) holds as many streams as it may: see Retry-After',
      ),
      503: problem('The server holds as many streams as it can: see Retry-After'),
    },
  }),
}
