import type { EditionState } from '../kernel/words.ts'

interface Listed {
  number: number
  state: EditionState
}

/**
 * A guide's current edition, of the editions a viewer may read (in order): its newest published one;
 * before any is published, the newest that is not a draft; for a guide held only in draft, its newest
 * draft. A draft is never current while anything else is, so everyone who reads a public edition agrees
 * which one is current, whether or not they read drafts too.
 */
export function currentEdition<E extends Listed>(editions: readonly E[]): E | undefined {
  return (
    editions.findLast((e) => e.state === 'published') ??
    editions.findLast((e) => e.state !== 'draft') ??
    editions.at(-1)
  )
}

/**
 * The consultation a reader of the current edition is pointed to: the newest later edition that is
 * open or closed, which anyone may read. A later draft is never named: it is for its editors.
 */
export function laterConsultation<E extends Listed>(editions: readonly E[], current: number): E | undefined {
  return editions.findLast((e) => e.number > current && (e.state === 'open' || e.state === 'closed'))
}
