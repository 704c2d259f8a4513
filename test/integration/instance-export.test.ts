import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { gunzipSync, gzipSync } from 'node:zlib'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../src/platform/db/database.ts'
import { migrateToLatest } from '../../src/platform/db/migrator.ts'
import { DomainError } from '../../src/kernel/errors.ts'
import { importGuide } from '../../src/guides/guide.service.ts'
import { writeInstance } from '../../src/instance/instance-export.service.ts'
import { exportPage } from '../../src/instance/instance.repository.ts'
import { restoreInstance } from '../../src/instance/instance-restore.service.ts'
import { testApp } from '../support/app.ts'
import { consultation, type GuideSpec } from '../support/consultation.ts'
import { createTestDatabase, databaseKind, type TestDatabase } from '../support/database.ts'
import {
  createdAtOf,
  embedded,
  exportToBuffer,
  linesOf,
  populate,
  POPULATED_TABLES,
  POSTGRES_SERVER,
  postgresReachable,
  privatePostgres,
  tableCounts,
} from '../support/instance.ts'
import { runGloss } from '../support/process.ts'
import { Client, PASSWORD } from '../support/session.ts'

const restore = (database: Database, file: Buffer, force = false) =>
  restoreInstance(database.db, [file], { replace: force ? { mode: 'anything' } : { mode: 'empty' } })

/** Every row of every table in the database is gone: what a refused restore must leave. */
async function expectEmpty(database: Database) {
  const counts = await tableCounts(database)
  expect(
    Object.values(counts).every((n) => n === 0),
    JSON.stringify(counts),
  ).toBe(true)
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from pg_constraint where contype = 'f' and condeferrable`.execute(database.db)
  expect(rows[0]?.n).toBe(0)
}

const refusal = async (promise: Promise<unknown>) => {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DomainError)
  return error as DomainError
}

// The other side of the round trip is the other kind of database: PostgreSQL must be there in CI.
const postgresUp = await postgresReachable()
if (!postgresUp) {
  if (process.env.CI === 'true') throw new Error(`CI needs PostgreSQL at ${POSTGRES_SERVER}.`)
  console.warn(
    `instance-export.test: no PostgreSQL at ${POSTGRES_SERVER}: the round trip across kinds is skipped.`,
  )
}
const otherKind = databaseKind === 'embedded' ? 'postgres' : 'embedded'
const openOther = () => (otherKind === 'postgres' ? privatePostgres() : embedded())
const openSame = async (): Promise<Database> => createTestDatabase()

describe(`moving a whole instance (${databaseKind})`, () => {
  let source: TestDatabase
  let file: Buffer

  beforeAll(async () => {
    source = await createTestDatabase()
    await populate(source)
    file = await exportToBuffer(source)
  })
  afterAll(async () => {
    await source.close()
  })

  it('holds every table with its rows and a checksum, in the documented shape', async () => {
    const lines = linesOf(file)
    expect(lines.at(-1)).toBe('')
    const header = JSON.parse(lines[0] ?? '') as {
      format: string
      version: number
      schema: string[]
      tables: string[]
    }
    expect(header).toMatchObject({ format: 'gloss-instance', version: 1 })
    expect(header.schema).toContain('20261121T010000-guides-editions-blocks')
    expect(header.tables).toEqual(expect.arrayContaining(POPULATED_TABLES))
    expect(header.tables).not.toContain('sessions')
    expect(header.tables.indexOf('guides')).toBeLessThan(header.tables.indexOf('editions'))
    expect(header.tables.indexOf('people')).toBeLessThan(header.tables.indexOf('comments'))
    const counts = await tableCounts(source)
    for (const table of POPULATED_TABLES) expect(counts[table], table).toBeGreaterThan(0)
    const trailer = JSON.parse(lines.at(-2) ?? '') as { rows: Record<string, number>; sha256: string }
    expect(trailer.rows).toEqual(counts)
    // Generated columns (search vectors) are computed again on restore, never carried.
    const comments = JSON.parse(lines.find((l) => l.startsWith('{"table":"comments"')) ?? '') as {
      columns: string[]
    }
    expect(comments.columns).toContain('body')
    expect(comments.columns).not.toContain('search')
    // Password hashes travel as they are.
    const people = JSON.parse(lines.find((l) => l.startsWith('{"table":"people"')) ?? '') as {
      columns: string[]
    }
    const ada = JSON.parse(lines.find((l) => l.includes('"ada@example.org"')) ?? '') as unknown[]
    expect(ada[people.columns.indexOf('password_hash')]).toMatch(/^\S{40,}$/)
  })

  describe.skipIf(!postgresUp)(
    `across database kinds (${databaseKind} → ${otherKind} → ${databaseKind})`,
    () => {
      it('restores into an empty database of the other kind, exports the same file again, and back', async () => {
        const at = createdAtOf(file)
        const other = await openOther()
        const back = await openSame()
        try {
          const restored = await restore(other, file)
          expect(restored.rows).toEqual(await tableCounts(source))
          expect(await tableCounts(other)).toEqual(await tableCounts(source))
          const again = await exportToBuffer(other, at)
          expect(gunzipSync(again).equals(gunzipSync(file))).toBe(true)

          await restore(back, again)
          expect(await tableCounts(back)).toEqual(await tableCounts(source))
          expect(gunzipSync(await exportToBuffer(back, at)).equals(gunzipSync(file))).toBe(true)

          // The restored instance works: a password signs in, and new rows get fresh ids.
          const app = await testApp(other, { rateLimits: { enabled: false } })
          const rita = new Client(app)
          const signIn = await rita.send('POST', '/api/session', {
            email: 'rita@example.org',
            password: PASSWORD,
          })
          expect(signIn.status).toBe(200)
          const ed = new Client(app)
          await ed.send('POST', '/api/session', { email: 'ed@example.org', password: PASSWORD })
          const opened = await ed.send('POST', '/api/guides/moving/editions/2/transitions', { to: 'open' })
          expect(opened.status).toBe(200)
          const { blocks } = (await (await rita.request('/api/guides/moving/editions/2')).json()) as {
            blocks: { key: string }[]
          }
          const posted = await rita.send(
            'POST',
            `/api/guides/moving/editions/2/blocks/${blocks[1]?.key ?? ''}/comments`,
            { kind: 'comment', body: 'Written after the move.' },
          )
          expect(posted.status).toBe(201)
          // The public reads the record as before the move: the same pseudonyms, nothing kept back.
          const seen = (await (
            await new Client(app).request('/api/guides/moving/editions/1/comments')
          ).json()) as {
            items: { body: string; author: { displayName: string } }[]
          }
          expect(seen.items.map((c) => c.body)).not.toContain('Same as the vote point, really.')
          expect(new Set(seen.items.map((c) => c.author.displayName))).toEqual(
            new Set(['Reviewer 1', 'Reviewer 2']),
          )
          const kept = (await (await ed.request('/api/guides/moving/editions/1/comments')).json()) as {
            items: { body: string; public: boolean; onBehalfOf: string | null }[]
          }
          expect(kept.items.find((c) => c.body === 'Same as the vote point, really.')).toMatchObject({
            public: false,
            onBehalfOf: 'Movers’ Union',
          })
          const thread = (await (await rita.request('/api/me/comments')).json()) as {
            items: { body: string }[]
          }
          expect(thread.items.map((c) => c.body)).toContain('Is it 21 calendar days, or working days?')
        } finally {
          await other.close()
          await back.close()
        }
      })
    },
  )

  it('refuses a file with one byte changed, writing nothing', async () => {
    const target = await embedded()
    try {
      const text = gunzipSync(file).toString('utf8')
      const at = text.indexOf('Calendar days.')
      const changed = `${text.slice(0, at)}c${text.slice(at + 1)}`
      const damaged = await refusal(restore(target, gzipSync(changed)))
      expect(damaged.message).toMatch(/checksum/)
      await expectEmpty(target)

      const flipped = Buffer.from(file)
      const middle = Math.floor(flipped.length / 2)
      flipped[middle] = (flipped[middle] ?? 0) ^ 0x40
      await refusal(restore(target, flipped))
      await expectEmpty(target)

      const cut = gzipSync(text.slice(0, text.lastIndexOf('{"rows"')))
      expect((await refusal(restore(target, cut))).message).toMatch(/incomplete/)
      await expectEmpty(target)
    } finally {
      await target.close()
    }
  })

  it('refuses a file of another format version or from a newer Gloss', async () => {
    const target = await embedded()
    try {
      const text = gunzipSync(file).toString('utf8')
      const version2 = text.replace('"version":1', '"version":2')
      expect((await refusal(restore(target, gzipSync(version2)))).code).toBe('instance-version')
      const newer = text.replace('"schema":[', '"schema":["29991231T000000-from-the-future",')
      expect((await refusal(restore(target, gzipSync(newer)))).code).toBe('instance-schema-unknown')
      expect((await refusal(restore(target, gzipSync('{"hello":"world"}\n')))).code).toBe(
        'instance-file-invalid',
      )
      await expectEmpty(target)
    } finally {
      await target.close()
    }
  })

  it('refuses a database that holds anything, unless forced, and then replaces all of it', async () => {
    const target = await embedded()
    try {
      await importGuide(target.db, '# Shipped with Gloss\n\nA sample.\n', {
        slug: 'sample',
        defaultState: 'published',
      })
      expect((await refusal(restore(target, file))).code).toBe('instance-not-empty')
      expect((await tableCounts(target)).guides).toBe(1)
      await restore(target, file, true)
      expect(await tableCounts(target)).toEqual(await tableCounts(source))
      expect(gunzipSync(await exportToBuffer(target, createdAtOf(file))).equals(gunzipSync(file))).toBe(true)
    } finally {
      await target.close()
    }
  })

  it('fails the export when a table has no primary key to page it by, so no table goes missing', async () => {
    const target = await embedded()
    try {
      await sql`create table scratch (note text)`.execute(target.db)
      await expect(exportToBuffer(target)).rejects.toThrow(/scratch has no primary key/)
      await sql`drop table scratch`.execute(target.db)
      // A new table with a key is exported and restored without anyone listing it.
      await sql`create table later_feature (id integer primary key, label text)`.execute(target.db)
      await sql`insert into later_feature values (1, 'kept')`.execute(target.db)
      const withLater = await exportToBuffer(target)
      expect(linesOf(withLater)).toContain('[1, "kept"]')
    } finally {
      await target.close()
    }
  })
})

describe(`reading a table page by page (${databaseKind})`, () => {
  it('visits every row once, in byte order of text keys, with pages cut by size', async () => {
    const database = await createTestDatabase()
    try {
      await sql`create table paged (edition integer, key text, body text, primary key (edition, key))`.execute(
        database.db,
      )
      await sql`
        insert into paged select e, k, repeat('x', (e * 7 + ascii(k)) % 300)
        from generate_series(1, 3) e, unnest(array['a', 'B', 'b', 'A', 'é', 'Z', '_', '10', '9', 'ä']) k`.execute(
        database.db,
      )
      const key = [
        { name: 'edition', type: 'integer', collatable: false },
        { name: 'key', type: 'text', collatable: true },
      ]
      const seen: string[][] = []
      const sizes: number[] = []
      let after: string[] | undefined
      for (let pages = 0; pages < 100; pages++) {
        const page = await exportPage(database.db, {
          table: 'paged',
          columns: ['edition', 'key', 'body'],
          key,
          after,
          limit: 4,
          maxBytes: 400,
        })
        if (page.length === 0) break
        // A page stops once it holds the byte limit: only its last row may pass it.
        const before = page.slice(0, -1).reduce((sum, r) => sum + Buffer.byteLength(r.rowJson), 0)
        expect(before).toBeLessThan(400)
        sizes.push(page.length)
        seen.push(...page.map((r) => r.rowKey))
        after = page.at(-1)?.rowKey
      }
      const bytes = (s: string) => Buffer.from(s, 'utf8')
      const expected = [1, 2, 3].flatMap((e) =>
        ['a', 'B', 'b', 'A', 'é', 'Z', '_', '10', '9', 'ä']
          .sort((x, y) => Buffer.compare(bytes(x), bytes(y)))
          .map((k) => [String(e), k]),
      )
      expect(seen).toEqual(expected)
      expect(new Set(sizes).size).toBeGreaterThan(1)
    } finally {
      await database.close()
    }
  })
})

describe('gloss export and gloss restore as commands (embedded)', () => {
  let folder: string
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gloss-instance-cli-'))
  })
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true })
  })

  it('exports a data folder and restores it into a new one, refusing it twice without --force', async () => {
    const from = { DATA_DIR: join(folder, 'old-host'), DATABASE_URL: undefined }
    const to = { DATA_DIR: join(folder, 'new-host'), DATABASE_URL: undefined }
    const old = await openDatabase({ dataDir: from.DATA_DIR })
    await migrateToLatest(old.db)
    await populate(old)
    await old.close()

    const first = join(folder, 'instance.jsonl.gz')
    const exported = await runGloss(['export', first], from)
    expect(exported.code, exported.stderr).toBe(0)
    expect(exported.stdout).toMatch(/password hashes/)
    expect((await stat(first)).mode & 0o077).toBe(0)

    const restored = await runGloss(['restore', first], to)
    expect(restored.code, restored.stderr).toBe(0)
    expect(restored.stdout).toMatch(/^Restored \d+ rows/)
    const twice = await runGloss(['restore', first], to)
    expect(twice.code).toBe(1)
    expect(twice.stderr).toMatch(/not empty.*--force/)
    const forced = await runGloss(['restore', first, '--force'], to)
    expect(forced.code, forced.stderr).toBe(0)

    const second = join(folder, 'again.jsonl.gz')
    expect((await runGloss(['export', second], to)).code).toBe(0)
    // Only the header's time differs, and so the checksum over it; and each restore from the command
    // line adds its own entry to the audit log (the forced one replaced the first's).
    const again = linesOf(await readFile(second))
    expect(again.filter((line) => line.includes('"instance.restored"'))).toHaveLength(1)
    const comparable = (lines: string[]) => [
      lines[0]?.replace(/"createdAt":"[^"]+"/, ''),
      ...lines.slice(1, -2).filter((line) => !line.includes('"instance.restored"')),
      lines
        .at(-2)
        ?.replace(/"sha256":"[0-9a-f]+"/, '')
        .replace(/"audit_log":\d+/, ''),
    ]
    expect(comparable(again)).toEqual(comparable(linesOf(await readFile(first))))

    const damaged = join(folder, 'damaged.jsonl.gz')
    await writeFile(
      damaged,
      gzipSync(
        gunzipSync(await readFile(first))
          .toString()
          .replace('Calendar', 'Kalendar'),
      ),
    )
    const refused = await runGloss(['restore', damaged, '--force'], to)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/checksum/)
    expect((await runGloss(['restore'], to)).code).toBe(2)
  }, 300_000)
})

describe(`the instance API and page (${databaseKind})`, () => {
  let source: TestDatabase
  let file: Buffer

  beforeAll(async () => {
    source = await createTestDatabase()
    await populate(source)
    // A guide of random words, so the file is far past the API's 64 KB limit for JSON bodies.
    const words = Array.from({ length: 4000 }, () => randomBytes(24).toString('base64url')).join(' ')
    await importGuide(source.db, `# Large\n\n${words}\n`, { slug: 'large' })
    file = await exportToBuffer(source)
  })
  afterAll(async () => {
    await source.close()
  })

  /** A new instance of its own: its admin new@example.org, and the guides its content folder gave it. */
  const newInstance = (guides: GuideSpec[]) =>
    consultation({
      config: { rateLimits: { enabled: false } },
      admin: { email: 'new@example.org', name: 'New' },
      guides,
    })

  const signedIn = async (database: Database, email: string) => {
    const app = await testApp(database, { rateLimits: { enabled: false } })
    const client = new Client(app)
    await client.send('POST', '/api/session', { email, password: PASSWORD })
    return { app, client }
  }

  it('lets only admins download the file, streamed as an attachment, and audits it', async () => {
    const { app, client: admin } = await signedIn(source, 'ada@example.org')
    expect((await new Client(app).request('/api/instance/export')).status).toBe(401)
    const { client: rita } = await signedIn(source, 'rita@example.org')
    expect((await rita.request('/api/instance/export')).status).toBe(403)
    const { client: ed } = await signedIn(source, 'ed@example.org')
    expect((await ed.request('/api/instance/export')).status).toBe(403)

    const response = await admin.request('/api/instance/export')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/gzip')
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="gloss-instance-\d{8}T\d{6}Z\.jsonl\.gz"$/,
    )
    expect(response.headers.get('cache-control')).toBe('no-store')
    const downloaded = Buffer.from(await response.arrayBuffer())
    expect(downloaded.length).toBeGreaterThan(64 * 1024)
    // The same instance, plus what happened since (sign-ins are audited).
    const lines = new Set(linesOf(downloaded))
    expect(
      linesOf(file)
        .slice(1, -2)
        .filter((line) => !lines.has(line)),
    ).toEqual([])
    const audit = (await (await admin.request('/api/audit')).json()) as { items: { action: string }[] }
    expect(audit.items[0]?.action).toBe('instance.exported')
  })

  it('restores an upload into a new instance only, signing everyone out', async () => {
    // What content/ puts in on a first start is replaced.
    const fresh = await newInstance([
      { slug: 'sample', markdown: '# Sample\n\nShipped.\n', state: 'published' },
    ])
    const { app, admin: newAdmin, database: target } = fresh
    try {
      const upload = (client: Client, type = 'application/gzip') =>
        client.request('/api/instance/restore', {
          method: 'POST',
          headers: { 'content-type': type },
          body: file,
        })

      expect((await upload(new Client(app))).status).toBe(401)
      expect((await upload(newAdmin, 'application/json')).status).toBe(415)
      const response = await upload(newAdmin)
      expect(response.status, await response.clone().text()).toBe(200)
      expect(await response.json()).toMatchObject({ signedOut: true, rows: { comments: expect.any(Number) } })

      expect((await newAdmin.request('/api/me')).status).toBe(401)
      const counts = await tableCounts(target)
      const inFile = (JSON.parse(linesOf(file).at(-2) ?? '') as { rows: Record<string, number> }).rows
      expect({ ...counts, audit_log: (counts.audit_log ?? 0) - 1 }).toEqual(inFile)
      const { client: ada } = await signedIn(target, 'ada@example.org')
      const audit = (await (await ada.request('/api/audit')).json()) as {
        items: { action: string; subject: string }[]
      }
      // After the file's rows, before Ada's sign-in just now.
      expect(audit.items.slice(0, 2)).toMatchObject([
        { action: 'sign-in' },
        { action: 'instance.restored', subject: 'new@example.org' },
      ])

      // Now it is in use: another file is refused, and nothing changes.
      const inUse = await tableCounts(target)
      expect((await upload(ada)).status).toBe(409)
      expect(await tableCounts(target)).toEqual(inUse)
    } finally {
      await fresh.close()
    }
  })

  it('has an admin page to download and upload, which refuses a damaged file and keeps the instance', async () => {
    const fresh = await newInstance([])
    const { admin, database: target } = fresh
    try {
      const page = await admin.request('/admin/instance')
      expect(page.status).toBe(200)
      const html = await page.text()
      expect(html).toContain('href="/api/instance/export"')
      expect(html).toContain('password hash')
      expect(html).toContain('enctype="multipart/form-data"')

      const { client: rita } = await signedIn(source, 'rita@example.org')
      expect((await rita.request('/admin/instance')).status).toBe(403)

      const form = (bytes: Buffer, confirm = true) => {
        const data = new FormData()
        data.set('file', new Blob([bytes], { type: 'application/gzip' }), 'instance.jsonl.gz')
        if (confirm) data.set('confirm', 'yes')
        return admin.request('/admin/instance/restore', { method: 'POST', body: data })
      }
      const unconfirmed = await form(file, false)
      expect(unconfirmed.status).toBe(422)
      expect(await unconfirmed.text()).toContain('href="#confirm"')
      const damaged = Buffer.from(file)
      damaged[damaged.length - 12] = (damaged[damaged.length - 12] ?? 0) ^ 0xff
      const refused = await form(damaged)
      expect(refused.status).toBe(422)
      expect(await refused.text()).toContain('There is a problem')
      expect((await admin.request('/api/me')).status).toBe(200)

      const done = await form(file)
      expect(done.status).toBe(200)
      expect(await done.text()).toContain('The instance is restored')
      expect((await tableCounts(target)).comments).toBe((await tableCounts(source)).comments)
    } finally {
      await fresh.close()
    }
  })
})

describe(`a large instance (${databaseKind})`, () => {
  let source: TestDatabase
  beforeAll(async () => {
    source = await createTestDatabase()
    await importGuide(source.db, '# Large\n\nOne paragraph.\n', { slug: 'large', defaultState: 'open' })
    await sql`insert into people (display_name) values ('Many')`.execute(source.db)
    await sql`
      insert into comments (guide_id, edition_id, block_key, author_id, kind, body, html, state)
      select 1, 1, (select key from blocks where ordinal = 1), 1, 'comment', b, '<p>' || b || '</p>', 'published'
      from (select 'Comment ' || g || ': ' || repeat(md5(g::text), 8) as b from generate_series(1, 100000) g) s`.execute(
      source.db,
    )
  })
  afterAll(async () => {
    await source.close()
  })

  it('exports 100,000 comments with the heap no larger than a few pages of rows', async () => {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    const { rows } = await sql<{ bytes: number }>`
      select sum(octet_length(body) + octet_length(html)) as bytes from comments`.execute(source.db)
    const textBytes = rows[0]?.bytes ?? 0
    gc()
    const baseline = process.memoryUsage().heapUsed
    let peak = 0
    let written = 0
    let chunks = 0
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.length
        if (++chunks % 25 === 0) {
          gc()
          peak = Math.max(peak, process.memoryUsage().heapUsed - baseline)
        }
        done()
      },
    })
    const summary = await writeInstance(source.db, sink)
    expect(summary.rows.comments).toBe(100_000)
    expect(written).toBeGreaterThan(0)
    // The comments' text alone is over 50 MB; the export never holds more than a small part of it.
    expect(textBytes).toBeGreaterThan(50 * 1024 * 1024)
    expect(peak).toBeLessThan(24 * 1024 * 1024)
  })
})
