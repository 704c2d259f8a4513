import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import pino from 'pino'
import { lineOptions } from '../../../src/platform/log.ts'

/** The line the server's logger writes for `fields` and `msg` at warn, as written. */
function lineOf(fields: object, msg: string): string {
  let line = ''
  pino({ ...lineOptions, level: 'info' }, { write: (written: string) => (line = written) }).warn(fields, msg)
  return line
}

/** A mail server's refusal as nodemailer reports it: the address is in the message, response and rejected. */
function smtpRefusal(): Error {
  const error = Object.assign(
    new Error(
      "Can't send mail - all recipients were rejected: 550 5.1.1 <bob@resident.example>: no such user",
    ),
    {
      code: 'EENVELOPE',
      response: '550 5.1.1 <bob@resident.example>: no such user',
      responseCode: 550,
      command: 'RCPT TO',
      rejected: ['bob@resident.example'],
    },
  )
  error.stack = `${error.message}\n    at SMTPConnection._actionRCPT (/opt/gloss/node_modules/@scope/smtp/lib/index.js:1:1)`
  return error
}

describe('a logged failure (people are logged by id, never by address)', () => {
  it('as the job queue logs it (its words), has no email address', () => {
    const line = lineOf(
      { kind: 'notice-mail', job: 7, attempts: 3, error: smtpRefusal().message },
      'a job failed; trying again later',
    )
    expect(line).not.toContain('bob@resident.example')
    expect(JSON.parse(line)).toMatchObject({
      error: "Can't send mail - all recipients were rejected: 550 5.1.1 <[address]>: no such user",
      job: 7,
    })
  })

  it('as an error (message, stack, the server’s response, the rejected list), has no email address', () => {
    const line = lineOf({ err: smtpRefusal(), job: 7 }, 'a recurring job failed')
    expect(line).not.toContain('resident.example')
    const { err } = JSON.parse(line) as { err: Record<string, unknown> }
    expect(err.response).toBe('550 5.1.1 <[address]>: no such user')
    expect(err.rejected).toEqual(['[address]'])
    expect(err.responseCode).toBe(550)
    // What is not an address stays, a scoped package in a stack included.
    expect(err.stack).toContain('/node_modules/@scope/smtp/lib/index.js')
  })
})

describe('a log line’s own fields', () => {
  it('never repeat the members pino writes on every line', () => {
    const line = lineOf({ pid: 21114, hostname: 'elsewhere', code: 1 }, 'a worker died; starting another')
    const keys = [...line.matchAll(/"(\w+)":/g)].map((match) => match[1])
    expect(keys.filter((key) => key === 'pid')).toHaveLength(1)
    expect(keys.filter((key) => key === 'hostname')).toHaveLength(1)
    expect(JSON.parse(line)).toMatchObject({ pid: process.pid, pidGiven: 21114, hostnameGiven: 'elsewhere' })
  })

  it.each([
    ['src/cli/serve-workers.ts', 'workerPid: worker.process.pid'],
    ['src/platform/db/data-dir-lock.ts', 'ownerPid: owner'],
  ])('name another process’s pid apart (%s)', (file, named) => {
    const source = readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8')
    expect(source).toContain(named)
    expect(source).not.toMatch(/logger\.\w+\(\s*\{[^}]*\bpid:/)
  })
})
