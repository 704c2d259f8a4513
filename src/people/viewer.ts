import type { Lang } from '../platform/i18n/languages.ts'
import type { GuideRole } from '../kernel/words.ts'

export interface SignedInPerson {
  id: number
  email: string
  displayName: string
  isAdmin: boolean
  sessionId: number
  /** The interface language they chose, which follows them from device to device. */
  language?: Lang | null
}

/** Who is asking: a signed-in person with their roles per guide, or the public (person null). */
export interface Viewer {
  person: SignedInPerson | null
  roles: ReadonlyMap<number, GuideRole>
  address: string
  /**
   * The request's interface language, in which what Gloss says about people is said (a pseudonym's
   * "Reviewer 17", "Adolygydd 17" in Welsh); English where there is no request (a job, a test).
   */
  lang?: Lang
}

export const publicViewer = (address = 'unknown'): Viewer => ({ person: null, roles: new Map(), address })

/**
 * The language to remember on an account made in this request: one other than English, asked for by the
 * language switch or the browser, so their mail is written in it. English, where everyone starts, is not
 * remembered, so someone who never chose one still follows their browser on another device.
 */
export const languageJoinedIn = (viewer: Viewer): Lang | undefined =>
  viewer.lang !== undefined && viewer.lang !== 'en' ? viewer.lang : undefined
