import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { align, type Lineage } from '../../../src/lineage/align.ts'
import { splitDocument, type SplitBlock } from '../../../src/platform/markdown/split.ts'
import { CORPUS, describeCorpus } from '../../support/corpus.ts'

const load = (path: string) => splitDocument(readFileSync(join(CORPUS, path), 'utf8')).blocks

const tally = (lineage: Lineage) => {
  const counts: Record<string, number> = {}
  for (const block of lineage.blocks) counts[block.change] = (counts[block.change] ?? 0) + 1
  return counts
}

const changeOf = (lineage: Lineage, blocks: SplitBlock[], start: string) => {
  const block = blocks.find((b) => b.text.startsWith(start))
  if (!block) throw new Error(`No block starts "${start}"`)
  return lineage.blocks[block.ordinal]?.change
}

/**
 * Expectations written from reading the two editions side by side (diff of the sources), before
 * running the code on them.
 */
describeCorpus('lineage on real successive editions', () => {
  it('GDS Way 2021 → 2024: the Docker sections move, two paragraphs become headings, one goes', () => {
    const before = load('gds-way/tracking-dependencies.1368aee.html.md.erb')
    const after = load('gds-way/tracking-dependencies.9818380.html.md.erb')
    const lineage = align(before, after)
    // "The Cyber Security team" became "The CDIO Cyber Security team".
    expect(changeOf(lineage, after, 'The CDIO Cyber Security team')).toBe('edited')
    // Two link-only paragraphs became headings: a change of kind is an edit.
    expect(changeOf(lineage, after, 'GitHub security alerts')).toBe('edited')
    expect(changeOf(lineage, after, 'Snyk')).toBe('edited')
    // The Docker headings and paragraphs moved under a new "Managing Docker dependencies" section.
    for (const start of [
      'Rebuild Docker base images',
      'Like dependencies, Docker base images',
      'Specifying Docker image tags',
      'The GDS Way Dockerfile guidance',
    ]) {
      expect(changeOf(lineage, after, start), start).toBe('moved')
    }
    expect(changeOf(lineage, after, 'Splunk dashboards')).toBe('new')
    expect(changeOf(lineage, after, 'Managing Docker dependencies')).toBe('new')
    // The list item about Dependabot gained a note on RFC-167.
    expect(changeOf(lineage, after, 'Dependabot - used by GOV.UK')).toBe('edited')
    // The closing line about the Reliability Engineering principle was removed.
    expect(lineage.removed.map((r) => before[r.ordinal]?.text)).toEqual([
      'This guidance is in line with the GDS Reliability Engineering strategic principle of using fully managed cloud services by default.',
    ])
    expect(tally(lineage)).toEqual({ unchanged: 25, edited: 4, moved: 4, new: 2 })
  })

  it('NIST final → errata: a light revision, nearly all unchanged and nothing moved far', () => {
    const after = load('nist-sp800-63b/sp800-63b.errata-head.ce8ada6.md')
    const lineage = align(load('nist-sp800-63b/sp800-63b.final.d061f42.md'), after)
    // The errata section is new; its heading shares only its <div class="text-center"> wrapper with
    // the comments address block, which is unchanged.
    expect(changeOf(lineage, after, '<div class="text-center" markdown="1">\n## Errata')).toBe('new')
    expect(changeOf(lineage, after, '<div class="text-center" markdown="1">\n**Comments')).toBe('unchanged')
    const counts = tally(lineage)
    expect(counts.unchanged ?? 0).toBeGreaterThan(650)
    expect(counts.edited ?? 0).toBeGreaterThanOrEqual(20)
    expect(counts.edited ?? 0).toBeLessThanOrEqual(40)
    expect(counts.moved ?? 0).toBe(0)
    expect(lineage.removed.length).toBeLessThanOrEqual(10)
  })

  it('NIST public draft → final: re-spaced sentences are unchanged, not edited', () => {
    const before = load('nist-sp800-63b/sp800-63b.public-draft.5ccbf47.md')
    const after = load('nist-sp800-63b/sp800-63b.final.d061f42.md')
    const respaced = before.filter((b) => /\. {2}\S/.test(b.markdown))
    expect(respaced.length).toBeGreaterThan(10)
    const lineage = align(before, after)
    const counts = tally(lineage)
    expect((counts.unchanged ?? 0) + (counts.moved ?? 0)).toBeGreaterThan(150)
    // Every draft block whose words reappear in the final (two spaces after full stops now one) is paired
    // with one: as many exact pairs as each text has copies on both sides.
    const copies = (blocks: SplitBlock[]) => {
      const count = new Map<string, number>()
      for (const block of blocks) count.set(block.hash, (count.get(block.hash) ?? 0) + 1)
      return count
    }
    const inDraft = copies(before)
    let possible = 0
    for (const [hash, n] of copies(after)) possible += Math.min(n, inDraft.get(hash) ?? 0)
    const exact = lineage.blocks.filter((b) => b.from.some((i) => before[i]?.hash === after[b.ordinal]?.hash))
    expect(exact.length).toBeGreaterThanOrEqual(possible)
  })
})
