/**
 * pg_trgm's measure, in TypeScript, for grouping a whole edition at once (grouping.ts): the database
 * measures one new comment against the rest through its trigram index, but tens of thousands of
 * comments against each other are cheaper compared here than by a self-join. Both must agree, which
 * test/integration/campaigns-grouping.test.ts checks against PostgreSQL.
 *
 * As pg_trgm does: each word (a normalised text's words are runs of letters and digits, one space
 * apart) is padded with two spaces before and one after, and cut into its three-character pieces;
 * a text's trigrams are the set of its words' pieces. pg_trgm also keeps only letters and digits, in
 * the database's locale: for letters outside ASCII the two may differ slightly, never by much.
 */
export function trigrams(normalised: string): Set<string> {
  const pieces = new Set<string>()
  for (const word of normalised.split(' ')) {
    if (word === '') continue
    // Code points, as PostgreSQL counts characters; a letter and its accent are one after NFKC.
    const padded = [' ', ' ', ...Array.from(word), ' ']
    for (let i = 0; i + 3 <= padded.length; i++) pieces.add(padded.slice(i, i + 3).join(''))
  }
  return pieces
}

/** pg_trgm's `similarity`: trigrams in common over trigrams in either, 0 to 1. */
export function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0
  let shared = 0
  for (const piece of a) if (b.has(piece)) shared++
  return shared / (a.size + b.size - shared)
}
