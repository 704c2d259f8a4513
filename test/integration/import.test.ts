import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importGuide } from '../../src/guides/guide.service.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'

const fixture = (name: string) => readFile(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')

describe(`importing a guide (${databaseKind})`, () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(async () => {
    await database.close()
  })

  it('stores the guide, edition 1 and every block with a unique key', async () => {
    const guide = await importGuide(database.db, await fixture('small-guide.md'))
    expect(guide).toMatchObject({
      slug: 'listening',
      title: 'Listening to residents',
      editionNumber: 1,
      state: 'draft',
    })
    const blocks = await database.db
      .selectFrom('blocks')
      .innerJoin('editions', 'editions.id', 'blocks.editionId')
      .select([
        'blocks.key',
        'blocks.ordinal',
        'blocks.kind',
        'blocks.number',
        'blocks.text',
        'blocks.sectionPath',
      ])
      .orderBy('blocks.ordinal')
      .execute()
    expect(blocks).toHaveLength(guide.blockCount)
    expect(new Set(blocks.map((b) => b.key)).size).toBe(blocks.length)
    for (const block of blocks) expect(block.key).toMatch(/^[a-z][a-z0-9]{7}$/)
    expect(blocks.map((b) => b.ordinal)).toEqual(blocks.map((_, i) => i))
    const surgery = blocks.find((b) => b.text.startsWith('Hold a surgery'))
    expect(surgery?.sectionPath).toEqual(['Surgeries'])
    expect(blocks.find((b) => b.text.includes('Привет'))?.text).toContain('你好')
    expect(blocks.at(-1)?.kind).toBe('footnoteDefinition')
  })

  it('puts each key on the stored page as an id that the block carries', async () => {
    const edition = await database.db
      .selectFrom('editions')
      .select(['id', 'pageHtml'])
      .executeTakeFirstOrThrow()
    const blocks = await database.db
      .selectFrom('blocks')
      .select(['key', 'ordinal'])
      .where('editionId', '=', edition.id)
      .execute()
    for (const { key } of blocks) expect(edition.pageHtml).toContain(`id="${key}"`)
  })

  it('refuses a second guide with the same slug and writes nothing', async () => {
    const before = await database.db
      .selectFrom('editions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    await expect(importGuide(database.db, await fixture('small-guide.md'))).rejects.toMatchObject({
      status: 409,
    })
    const after = await database.db
      .selectFrom('editions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  it('refuses a broken source with a clear problem and writes nothing', async () => {
    const deep = `${'>'.repeat(10_000)} too deep\n`
    await expect(importGuide(database.db, deep, { slug: 'deep' })).rejects.toMatchObject({
      status: 422,
      code: 'source-too-deep',
    })
    await expect(importGuide(database.db, 'a\u0000b', { slug: 'nul' })).rejects.toMatchObject({
      code: 'source-not-text',
    })
    await expect(importGuide(database.db, '# Fine', { slug: 'Not A Slug' })).rejects.toMatchObject({
      status: 422,
    })
    const guides = await database.db.selectFrom('guides').select('slug').execute()
    expect(guides.map((g) => g.slug)).toEqual(['listening'])
  })

  it('publishes at once when the front matter says so', async () => {
    const guide = await importGuide(database.db, '---\nstate: published\n---\n# Out now\n\nText.\n', {
      slug: 'out-now',
    })
    expect(guide.state).toBe('published')
    const edition = await database.db
      .selectFrom('editions')
      .select(['state', 'publishedAt'])
      .where('title', '=', 'Out now')
      .executeTakeFirstOrThrow()
    expect(edition.state).toBe('published')
    expect(edition.publishedAt).toBeInstanceOf(Date)
  })

  it('splits a 5 MB source of 20,000 blocks off the main thread, which keeps answering', async () => {
    const paragraphs = Array.from({ length: 20_000 }, (_, i) =>
      i % 50 === 0
        ? `## Section ${i / 50}`
        : `Paragraph ${i}: ${'residents deserve a clear answer '.repeat(7)}`,
    )
    const source = paragraphs.join('\n\n')
    expect(source.length).toBeGreaterThan(4_500_000)
    let ticks = 0
    let longestGap = 0
    let last = performance.now()
    const timer = setInterval(() => {
      const now = performance.now()
      longestGap = Math.max(longestGap, now - last)
      last = now
      ticks++
    }, 10)
    const stages: string[] = []
    const guide = await importGuide(database.db, source, {
      slug: 'big',
      onProgress: (stage) => stages.push(stage),
    })
    clearInterval(timer)
    expect(guide.blockCount).toBe(20_000)
    expect(ticks).toBeGreaterThan(10)
    // Storing runs on this thread in chunks; splitting, the long part, must not stall it.
    expect(longestGap).toBeLessThan(1_000)
    expect(stages).toContain('storing')
  })
})
