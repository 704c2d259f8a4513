import { notFound } from '../../kernel/errors.ts'

/** An edition number from a path: a positive whole number, else the edition does not exist. */
export function editionNumber(value: string | undefined): number {
  if (!value || !/^[1-9]\d{0,8}$/.test(value)) throw notFound(`Edition "${value ?? ''}"`)
  return Number(value)
}
