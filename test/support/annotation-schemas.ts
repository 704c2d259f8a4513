import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import AjvDraft04 from 'ajv-draft-04'
import type { ValidateFunction } from 'ajv'
import { describe, it } from 'vitest'

/** The W3C Web Annotation data-model test suite's JSON schemas (draft-04), beside the project. */
export const W3C_TESTS = fileURLToPath(new URL('../../../shared/w3c-web-annotation-tests/', import.meta.url))
export const w3cTestsExist = existsSync(W3C_TESTS)

const readJson = (path: string): unknown => JSON.parse(readFileSync(join(W3C_TESTS, path), 'utf8'))

/** The schemas an assertion list (`*.test`) names, each compiled against the shared definitions. */
export type Assertions = { path: string; validate: ValidateFunction }[]

/**
 * Loads every shared definition, then compiles the assertions of the suite's "must" lists for
 * annotations, collections and pages. The suite leans on two formats that ajv leaves to a plugin; they
 * are defined here as RFC 3986 (an absolute URI) and RFC 3339 (a date and time with its offset).
 */
export function loadMusts() {
  // A CommonJS module whose export is the class and also its `default`.
  const ajv = new AjvDraft04.default({ strict: false, allErrors: true })
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s"<>\\^`{|}]*$/i)
  ajv.addFormat(
    'date-time',
    (value: string) =>
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(value) &&
      !Number.isNaN(Date.parse(value)),
  )
  for (const file of readdirSync(join(W3C_TESTS, 'definitions')))
    ajv.addSchema(readJson(join('definitions', file)) as object)
  const compile = (list: string): Assertions =>
    (readJson(list) as { assertions: string[] }).assertions.map((path) => {
      // Assertion ids are not all unique (one file reuses another's), and nothing refers to them.
      const { id: _id, ...schema } = readJson(path) as { id?: string }
      return { path, validate: ajv.compile(schema) }
    })
  return {
    annotation: compile('annotations/annotationMusts.test'),
    collection: compile('collections/collectionMusts.test'),
    page: compile('collections/pages/pageMusts.test'),
  }
}

/** The assertions a document fails, with what the validator said, for a readable test failure. */
export const failures = (assertions: Assertions, document: unknown) =>
  assertions.flatMap(({ path, validate }) =>
    validate(document) ? [] : [`${path}: ${JSON.stringify(validate.errors?.slice(0, 2))}`],
  )

/** The suite's sample annotations that must fail, for checking that the validation can fail at all. */
export const incorrectSamples = () =>
  readdirSync(join(W3C_TESTS, 'samples/incorrect')).flatMap((file) => {
    try {
      return [{ file, document: readJson(join('samples/incorrect', file)) }]
    } catch {
      return [] // One sample is deliberately not JSON at all.
    }
  })

/**
 * Suites over the W3C schemas run where ../shared is beside the project; elsewhere they say they are
 * skipped, and under CI (CI=true) a missing suite is a failure.
 */
export function describeW3c(title: string, body: () => void): void {
  if (w3cTestsExist) describe(title, body)
  else if (process.env.CI === 'true') {
    describe(title, () => {
      it('needs ../shared/w3c-web-annotation-tests, which CI must have', () => {
        throw new Error(`../shared/w3c-web-annotation-tests is missing at ${W3C_TESTS}`)
      })
    })
  } else describe.skip(`${title} (skipped: ../shared/w3c-web-annotation-tests is missing)`, body)
}
