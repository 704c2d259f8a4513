import type { Db } from '../platform/db/database.ts'
import { findLiveSessionPeople, findSessionPerson, touchSession } from './people.repository.ts'
import { hashToken } from './tokens.ts'

/** A session with its person and their roles, as a request or an open stream reads it. */
export type SessionPerson = NonNullable<Awaited<ReturnType<typeof findSessionPerson>>>

/** The live session a cookie's token names; undefined when it names none. */
export const sessionOfToken = (db: Db, token: string) => findSessionPerson(db, hashToken(token))

/** Marks a session seen: last-seen is for the account's session list, so a minute's precision is plenty. */
export async function noteSessionSeen(db: Db, session: { sessionId: number; lastSeenAt: Date | string }) {
  if (Date.now() - new Date(session.lastSeenAt).getTime() > 60_000) await touchSession(db, session.sessionId)
}

/** The sessions among `sessionIds` still live, with their people, for open streams re-checking theirs. */
export const liveSessions = (db: Db, sessionIds: readonly number[]) => findLiveSessionPeople(db, sessionIds)
