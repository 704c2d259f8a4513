import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Deps } from '../http/env.ts'
import { editionNumber } from '../http/params.ts'
import { readJson } from '../http/validate.ts'
import { transition } from './transition.service.ts'

const Transition = z.strictObject({
  to: z.enum(['open', 'closed', 'published']),
  opensAt: z.iso.datetime({ offset: true }).optional(),
  closesAt: z.iso.datetime({ offset: true }).optional(),
})

/** Moving an edition through draft → open → closed → published (editors of the guide). */
export const editionRoutes = ({ database: { db } }: Deps) =>
  new Hono<AppEnv>().post('/guides/:slug/editions/:n/transitions', async (c) => {
    const input = await readJson(c, Transition)
    const edition = await transition(
      db,
      c.get('viewer'),
      c.req.param('slug'),
      editionNumber(c.req.param('n')),
      {
        to: input.to,
        opensAt: input.opensAt === undefined ? undefined : new Date(input.opensAt),
        closesAt: input.closesAt === undefined ? undefined : new Date(input.closesAt),
      },
    )
    return c.json(edition)
  })
