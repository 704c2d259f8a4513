import { notFound } from '../../kernel/errors.ts'
import { LANGUAGE_TAG } from '../i18n/languages.ts'

/** An edition number from a path: a positive whole number, else the edition does not exist. */
export function editionNumber(value: string | undefined): number {
  if (!value || !/^[1-9]\d{0,8}$/.test(value)) throw notFound(`Edition "${value ?? ''}"`)
  return Number(value)
}

/** A query's language tag (`?text=cy`), where it looks like one; anything else is ignored. */
export const tagIn = (value: string | undefined) =>
  value !== undefined && LANGUAGE_TAG.test(value) ? value : undefined
