import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Hono } from 'hono'
import { importGuide } from '../../src/guides/guide.service.ts'
import { splitDocument } from '../../src/platform/markdown/split.ts'
import { forReaders } from '../../src/site/reader-html.ts'
import type { AppEnv } from '../../src/platform/http/env.ts'
import { testApp } from '../support/app.ts'
import { CORPUS, corpusFiles, describeCorpus } from '../support/corpus.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import { brokenInPageLinks, guideText, normalisePage } from '../support/invariant.ts'

describeCorpus(`every corpus guide imports and reads as the whole document (${databaseKind})`, () => {
  let database: TestDatabase
  let app: Hono<AppEnv>
  beforeAll(async () => {
    database = await createTestDatabase()
    app = await testApp(database)
  })
  afterAll(async () => {
    await database.close()
  })

  it.each(corpusFiles())('%s', async (file) => {
    const source = await readFile(join(CORPUS, file), 'utf8')
    const slug = file
      .replace(/[^a-z0-9]+/gi, '-')
      .toLowerCase()
      .replace(/^-|-$/g, '')
      .slice(0, 70)
    const imported = await importGuide(database.db, source, { slug, defaultState: 'published' })
    const response = await app.request(`/g/${slug}/1`)
    expect(response.status).toBe(200)
    const page = await response.text()
    expect(normalisePage(guideText(page))).toBe(normalisePage(forReaders(splitDocument(source).html)))
    expect(brokenInPageLinks(page)).toEqual([])
    expect(page.match(/ data-block="/g)?.length).toBe(imported.blockCount)
  })
})
