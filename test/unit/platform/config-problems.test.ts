import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config.ts'

const MAIL = { MAIL_FROM: 'Gloss <gloss@example.org>', PUBLIC_URL: 'https://gloss.example.org' }

/** What `gloss serve` prints when a variable is wrong: each problem under its variable's name. */
function problem(env: Record<string, string>): string {
  try {
    loadConfig(env)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error(`${JSON.stringify(env)} was taken`)
}

describe('a variable that is not an address or a number', () => {
  it.each([
    [
      { SMTP_URL: 'smtp://u:p@mail.example.org:notaport', ...MAIL },
      'SMTP_URL: an address with a host and a numeric port',
    ],
    [
      { PUBLIC_URL: 'https://gloss.example.org:notaport' },
      'PUBLIC_URL: an address, e.g. https://gloss.example.org',
    ],
    [{ DATABASE_URL: 'postgres://gloss:pw@db:notaport/gloss' }, 'DATABASE_URL: a PostgreSQL address'],
    [{ DATABASE_URL: 'db.internal' }, 'DATABASE_URL: a PostgreSQL address'],
    [{ PORT: 'http' }, 'PORT: a whole number'],
    [{ DB_POOL_SIZE: 'ten' }, 'DB_POOL_SIZE: a whole number'],
    [{ DIGEST_HOUR: '8.5' }, 'DIGEST_HOUR: a whole number'],
    [{ SIGN_IN_WINDOW_SECONDS: '15m' }, 'SIGN_IN_WINDOW_SECONDS: a whole number'],
  ])('is named, with what it takes: %o', (env, said) => {
    const message = problem(env)
    expect(message).toMatch(/^Configuration is not valid:\n {2}/)
    expect(message).toContain(said)
  })

  it('never repeats a database address, which can hold a password', () => {
    expect(problem({ DATABASE_URL: 'postgres://gloss:s3cret@db:notaport/gloss' })).not.toContain('s3cret')
  })

  it('takes the PostgreSQL addresses pg takes', () => {
    for (const url of [
      'postgres://gloss:pw@db.internal:5432/gloss',
      'postgresql://db/gloss',
      'postgres:///gloss?host=/var/run/postgresql',
    ])
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url)
  })
})
