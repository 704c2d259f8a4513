import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runGloss } from '../support/process.ts'

let folder: string
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gloss-cli-'))
})
afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe('gloss blocks --json', () => {
  it('prints one JSON object per file following the contract, and exits 1 after a file it cannot read', async () => {
    const good = join(folder, 'good.md')
    await writeFile(good, '# Title\n\nA paragraph.[^1]\n\n- one\n- two\n\n[^1]: A note.\n')
    const binary = join(folder, 'binary.md')
    await writeFile(binary, Buffer.from([0xff, 0xfe, 0x00, 0x41]))
    const result = await runGloss(['blocks', good, join(folder, 'missing.md'), binary, '--json'])
    expect(result.code).toBe(1)
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines).toHaveLength(3)
    const [first, missing, notText] = lines
    expect(first).toMatchObject({ file: good, html: expect.any(String), page: expect.any(String) })
    const blocks = first?.blocks as Record<string, unknown>[]
    expect(blocks.map((b) => b.kind)).toEqual([
      'heading',
      'paragraph',
      'listItem',
      'listItem',
      'footnoteDefinition',
    ])
    expect(blocks[1]).toMatchObject({
      ordinal: 1,
      number: '1',
      text: 'A paragraph.',
      markdown: 'A paragraph.[^1]',
    })
    expect(String(blocks[2]?.html)).toBe('one')
    expect(first?.page).toContain('<gloss-block data-block="0">')
    expect(first?.page).toContain('data-block="4"')
    expect(missing).toMatchObject({ error: { status: 404, code: 'file-not-found' } })
    expect(notText).toMatchObject({ error: { status: 422, code: 'source-not-text' } })
  })

  it('says how to use it when asked wrongly', async () => {
    const result = await runGloss(['blocks', 'x.md'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--json')
  })
})

describe('gloss migrate and gloss import on the embedded database', () => {
  it('migrates, then imports a guide with progress on stderr, then refuses the same slug', async () => {
    const env = { DATA_DIR: join(folder, 'data'), DATABASE_URL: undefined }
    const migrated = await runGloss(['migrate'], env)
    expect(migrated.code).toBe(0)
    expect(migrated.stdout).toMatch(/Applied .*guides-editions-blocks/)
    const source = join(folder, 'guide.md')
    await writeFile(
      source,
      '---\ntitle: Ward walks\n---\n\n# Ward walks\n\nWalk the ward.\n\n- Take notes.\n',
    )
    const imported = await runGloss(['import', source, '--slug', 'ward-walks'], env)
    expect(imported.code).toBe(0)
    expect(imported.stdout).toContain('Imported "Ward walks" as /g/ward-walks/1: 3 blocks, draft.')
    expect(imported.stderr).toMatch(/storing\s*\[[=\-\s█░]*\] 3\/3 blocks/)
    const again = await runGloss(['import', source, '--slug', 'ward-walks'], env)
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('already exists')
  })
})

describe('gloss revise', () => {
  it('makes the next edition of a guide, with its lineage summed up', async () => {
    const env = { DATA_DIR: join(folder, 'revise'), DATABASE_URL: undefined }
    const first = join(folder, 'first.md')
    await writeFile(first, '# Ward walks\n\nWalk the ward.\n\n- Take notes.\n')
    expect((await runGloss(['import', first, '--slug', 'ward-walks'], env)).code).toBe(0)
    const revised = join(folder, 'revised.md')
    await writeFile(revised, '# Ward walks\n\nWalk the whole ward.\n\nShare photos.\n')
    const revision = await runGloss(['revise', 'ward-walks', revised], env)
    expect(revision.code).toBe(0)
    expect(revision.stdout).toContain(
      'Created /g/ward-walks/2 (draft): 1 unchanged, 1 edited, 1 new, 1 removed.',
    )
    const unknown = await runGloss(['revise', 'no-such-guide', revised], env)
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('was not found')
  })
})

describe('gloss user add', () => {
  it('makes an admin account without a browser, with a password read from stdin or made up', async () => {
    const env = { DATA_DIR: join(folder, 'users'), DATABASE_URL: undefined }
    const made = await runGloss(['user', 'add', 'Clerk@Example.org', '--admin', '--name', 'Town Clerk'], env)
    expect(made.code).toBe(0)
    expect(made.stdout).toContain('Added clerk@example.org as an admin.')
    expect(made.stdout).toMatch(/Password \(shown once\): [\w-]{20}/)
    const again = await runGloss(['user', 'add', 'clerk@example.org'], env)
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('already an account')
    const bad = await runGloss(['user', 'add', 'not-an-email'], env)
    expect(bad.code).toBe(1)
  })
})

describe('gloss diff --json', () => {
  it('prints the lineage between two sources following the contract', async () => {
    const before = join(folder, 'before.md')
    const after = join(folder, 'after.md')
    await writeFile(before, '# Ward walks\n\nWalk the ward every month.\n\nTake notes of what you see.\n')
    await writeFile(
      after,
      '# Ward walks\n\nTake notes of what you see.\n\nWalk the whole ward every month.\n\nShare photos.\n',
    )
    const result = await runGloss(['diff', before, after, '--json'])
    expect(result.code).toBe(0)
    const lineage = JSON.parse(result.stdout) as {
      blocks: { ordinal: number; change: string; from: number[]; similarity: number }[]
      removed: unknown[]
    }
    expect(lineage.blocks.map((b) => [b.ordinal, b.change, b.from])).toEqual([
      [0, 'unchanged', [0]],
      [1, 'moved', [2]],
      [2, 'edited', [1]],
      [3, 'new', []],
    ])
    expect(lineage.blocks[2]?.similarity).toBeGreaterThan(0.5)
    expect(lineage.blocks[2]?.similarity).toBeLessThan(1)
    expect(lineage.removed).toEqual([])
    const missing = await runGloss(['diff', before, join(folder, 'nope.md'), '--json'])
    expect(missing.code).toBe(1)
  })
})
