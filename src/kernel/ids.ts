import { z } from 'zod'
import { notFound } from './errors.ts'

/** Ids are PostgreSQL integers: a longer number names nothing, and must never reach the database. */
export const MAX_ID = 2_147_483_647

export const isId = (value: string | undefined): value is string =>
  value !== undefined && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= MAX_ID

/** An id as the API gives it: a number in a string. */
export const IdString = z.string().refine(isId, 'An id as the API gives it: a number in a string.')

/** A numeric id from a page's path or form; anything else names nothing (404 "`what` was not found."). */
export const idFrom = (value: string | undefined, what: string): number => {
  if (!isId(value)) throw notFound(what)
  return Number(value)
}
