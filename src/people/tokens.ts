import { createHash, randomBytes } from 'node:crypto'

/** A secret for a link or a cookie: 32 random bytes. Only its hash is stored. */
export const newToken = () => randomBytes(32).toString('base64url')
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url')
export const looksLikeToken = (value: string) => /^[\w-]{43}$/.test(value)
