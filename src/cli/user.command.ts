import { randomBytes } from 'node:crypto'
import { text } from 'node:stream/consumers'
import type { Config } from '../config.ts'
import { openDatabase } from '../platform/db/database.ts'
import { migrateToLatest } from '../platform/db/migrator.ts'
import { hashPassword } from '../people/password.ts'
import { addAccountFromCommandLine } from '../people/admin.service.ts'
import { NewAccount } from '../people/people.schemas.ts'
import { check } from '../platform/http/validate.ts'

export interface UserAddOptions {
  email: string
  name: string | undefined
  admin: boolean
  /** Read the password from standard input instead of making one up. */
  passwordFromStdin: boolean
}

/** `gloss user add <email> [--name n] [--admin] [--password-stdin]`: an account without a browser. */
export async function userAddCommand(config: Config, options: UserAddOptions): Promise<void> {
  const madeUp = options.passwordFromStdin ? undefined : randomBytes(15).toString('base64url')
  const password = madeUp ?? (await text(process.stdin)).replace(/\r?\n$/, '')
  const input = check(NewAccount, {
    email: options.email,
    password,
    displayName: options.name ?? options.email.split('@')[0],
  })
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    await migrateToLatest(database.db)
    await addAccountFromCommandLine(database.db, {
      email: input.email,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
      isAdmin: options.admin,
    })
    console.log(`Added ${input.email}${options.admin ? ' as an admin' : ''}.`)
    if (madeUp) console.log(`Password (shown once): ${madeUp}`)
  } finally {
    await database.close()
  }
}
