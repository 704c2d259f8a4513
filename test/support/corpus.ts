import { existsSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'vitest'

export const CORPUS = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url))
export const corpusExists = existsSync(CORPUS)

/** Every guide in ../shared/corpus (Markdown and ERB-templated Markdown), relative to the corpus folder. */
export const corpusFiles = (): string[] =>
  corpusExists
    ? readdirSync(CORPUS, { recursive: true, encoding: 'utf8' })
        .filter((name) => /\.(md|erb)$/.test(name) && !/(LICEN[CS]E|README|SOURCES)\.md$/.test(name))
        .sort()
    : []

/**
 * Suites over the corpus run where ../shared is beside the project; elsewhere they say they are
 * skipped, and under CI (CI=true) a missing corpus is a failure.
 */
export function describeCorpus(title: string, body: () => void): void {
  if (corpusExists) describe(title, body)
  else if (process.env.CI === 'true') {
    describe(title, () => {
      it('needs ../shared/corpus, which CI must have', () => {
        throw new Error(`../shared/corpus is missing at ${CORPUS}`)
      })
    })
  } else describe.skip(`${title} (skipped: ../shared/corpus is missing)`, body)
}
