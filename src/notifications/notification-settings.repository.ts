import type { Db } from '../platform/db/database.ts'
import type { EmailChoice } from '../kernel/words.ts'

/** The person's choice, or undefined when they never made one. */
export async function emailChoiceOf(db: Db, personId: number): Promise<EmailChoice | undefined> {
  const row = await db
    .selectFrom('mailSettings')
    .select('email')
    .where('personId', '=', personId)
    .executeTakeFirst()
  return row?.email
}

export const writeEmailChoice = (db: Db, personId: number, email: EmailChoice) =>
  db
    .insertInto('mailSettings')
    .values({ personId, email })
    .onConflict((oc) => oc.column('personId').doUpdateSet({ email, updatedAt: new Date() }))
    .execute()
