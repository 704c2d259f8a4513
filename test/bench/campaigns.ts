import { sql } from 'kysely'
import { openDatabase, type Db } from '../../src/platform/db/database.ts'
import { migrateToLatest } from '../../src/platform/db/migrator.ts'
import { importGuide } from '../../src/guides/guide.service.ts'
import { groupComment, groupEdition } from '../../src/campaigns/campaign-grouping.service.ts'
import { triage } from '../../src/decisions/triage.service.ts'
import { reviseFromCommandLine } from '../../src/editions/revision.service.ts'
import { editionReport } from '../../src/reports/report.service.ts'
import { publicViewer, type Viewer } from '../../src/people/viewer.ts'
import { CAMPAIGN_TEXTS, campaignCopy, seeded, unrelatedComment } from '../support/campaign-texts.ts'
import { corpusSentences } from '../support/corpus-sentences.ts'
import { Cleanups, scratchDatabase } from './harness.ts'
import { fmt, median, ratio, type Figure } from './figure.ts'

/** `CAMPAIGN_BENCH_COMMENTS=2000 npm run bench -- campaigns` for a quick look; #21's size by default. */
const COMMENTS = Number(process.env.CAMPAIGN_BENCH_COMMENTS ?? 50_000)
const BLOCKS = 750
/** 20 % of the comments in five campaigns, with varied wording (test/support/campaign-texts.ts). */
const IN_CAMPAIGNS = 0.2
const JOINS = 20

/**
 * Campaigns on a 750-block guide's edition of 50,000 comments on PostgreSQL: grouping the whole edition
 * at once against reading its comments (a plain SELECT of id, author and body, in the same run), and
 * one new comment joining its campaign against a plain insert of the same comment.
 */
export async function benchCampaigns(): Promise<Figure[]> {
  const cleanups = new Cleanups()
  try {
    const url = await scratchDatabase('gloss_bench_campaigns', cleanups)
    const database = await openDatabase({ databaseUrl: url, poolSize: 2 })
    cleanups.push(() => database.close())
    const { db } = database
    await migrateToLatest(db)
    const source = `# Campaign bench\n\n${Array.from({ length: BLOCKS - 1 }, (_, i) => `Paragraph ${String(i)} of the plan.`).join('\n\n')}\n`
    await importGuide(db, source, { slug: 'bench' })
    const edition = (
      await sql<{ id: number; guideId: number }>`select id, guide_id from editions`.execute(db)
    ).rows[0]
    if (!edition) throw new Error('no edition')
    const keys = (
      await sql<{ key: string }>`select key from blocks where edition_id = ${edition.id}`.execute(db)
    ).rows
    const random = seeded(21)
    const sentences = corpusSentences()
    // Which campaign each comment copies (null: its own words), and so each campaign's true headcount.
    const truth = Array.from({ length: COMMENTS }, () =>
      random.next() < IN_CAMPAIGNS ? Math.floor(random.next() * CAMPAIGN_TEXTS) : null,
    )
    const bodies = truth.map((campaign) =>
      campaign === null ? unrelatedComment(random, sentences) : campaignCopy(campaign, random),
    )
    await sql`insert into people (email, display_name)
              select 'p' || n || '@example.org', 'Person ' || n from generate_series(1, ${COMMENTS}) n`.execute(
      db,
    )
    for (let i = 0; i < COMMENTS; i += 5_000) {
      const slice = bodies.slice(i, i + 5_000)
      await sql`
        insert into comments (guide_id, edition_id, block_key, author_id, kind, body, html, state)
        select ${edition.guideId}, ${edition.id}, (${sql.val(slice.map((_, j) => keys[(i + j) % keys.length]?.key ?? null))}::text[])[s.n],
               ${i} + s.n, 'comment', (${sql.val(slice)}::text[])[s.n], '<p></p>', 'published'
        from generate_subscripts(${sql.val(slice)}::text[], 1) as s(n)`.execute(db)
    }

    const reads: number[] = []
    for (let run = 0; run < 3; run++) {
      const start = performance.now()
      await sql`select id, author_id, body from comments where edition_id = ${edition.id}`.execute(db)
      reads.push(performance.now() - start)
    }
    const start = performance.now()
    const grouped = await groupEdition(db, edition.id)
    const grouping = performance.now() - start
    await expectPlanted(db, truth)

    const joins: number[] = []
    const inserts: number[] = []
    for (let i = 0; i < JOINS; i++) {
      const body = campaignCopy(i % CAMPAIGN_TEXTS, random)
      let begin = performance.now()
      const { rows } = await sql<{ id: number }>`
        insert into comments (guide_id, edition_id, block_key, author_id, kind, body, html, state)
        values (${edition.guideId}, ${edition.id}, null, ${1 + i}, 'comment', ${body}, '<p></p>', 'published')
        returning id`.execute(db)
      inserts.push(performance.now() - begin)
      begin = performance.now()
      // As posting does (comment.service.ts): it hands over what it wrote rather than have it read back.
      const posted = { editionId: edition.id, authorId: 1 + i, parentId: null, state: 'published', body }
      await groupComment(db, rows[0]?.id ?? 0, posted)
      joins.push(performance.now() - begin)
    }
    const joined = (
      await sql<{
        n: number
      }>`select count(*)::int as n from campaign_members m join comments c on c.id = m.comment_id
                               where c.author_id <= ${JOINS} and c.block_key is null`.execute(db)
    ).rows[0]?.n
    // The editors' triage of the edition (its first page, with every count and the campaigns above it),
    // and the public report on the next edition, which lists every one of these comments.
    const admin: Viewer = {
      person: { id: 1, email: 'p1@example.org', displayName: 'Person 1', isAdmin: true, sessionId: 0 },
      roles: new Map(),
      address: 'bench',
    }
    const triages: number[] = []
    for (let run = 0; run < 3; run++) {
      const begin = performance.now()
      const shown = await triage(db, admin, 'bench', 1, { page: 1 })
      triages.push(performance.now() - begin)
      if (shown.campaigns.length !== CAMPAIGN_TEXTS) throw new Error('triage: campaigns missing')
    }
    const begin = performance.now()
    await triage(db, admin, 'bench', 1, { page: 1, suggest: true })
    const suggesting = performance.now() - begin
    await reviseFromCommandLine(db, 'bench', `${source}\nA last paragraph, added.\n`)
    await sql`update editions set state = case number when 1 then 'closed' else 'published' end`.execute(db)
    const reports: number[] = []
    for (let run = 0; run < 3; run++) {
      const begin = performance.now()
      const report = await editionReport(db, publicViewer(), 'bench', 2)
      reports.push(performance.now() - begin)
      if (report.campaigns.length !== CAMPAIGN_TEXTS) throw new Error('report: campaigns missing')
    }
    const read = median(reads)
    return [
      {
        figure: `campaigns: grouping ${COMMENTS.toLocaleString('en-GB')} comments at once (ms)`,
        gloss: fmt(grouping, 0),
        reference: `${fmt(read, 0)} (SELECT of the edition's comments)`,
        ratio: ratio(grouping, read),
        note: `${String(grouped.formed)} campaigns formed; target: under 10,000 ms`,
      },
      {
        figure: 'campaigns: a new comment joining its campaign (ms, median of 20)',
        gloss: fmt(median(joins)),
        reference: `${fmt(median(inserts))} (its INSERT)`,
        ratio: ratio(median(joins), median(inserts)),
        note: `${String(joined)} of ${String(JOINS)} joined; target: under 20 ms`,
      },
      {
        figure: `campaigns: triage of the ${COMMENTS.toLocaleString('en-GB')} comments (ms, median of 3)`,
        gloss: fmt(median(triages), 0),
        reference: `${fmt(read, 0)} (SELECT of the edition's comments)`,
        ratio: ratio(median(triages), read),
        note: 'first page, every count, campaigns as items; target: under 1,000 ms',
      },
      {
        figure: 'campaigns: triage with suggested themes asked for (ms, once)',
        gloss: fmt(suggesting, 0),
        reference: `${fmt(read, 0)} (SELECT of the edition's comments)`,
        ratio: ratio(suggesting, read),
        note: 'every comment read for shared phrases; behind a link, not on every visit',
      },
      {
        figure: `campaigns: the report on them (ms, median of 3)`,
        gloss: fmt(median(reports), 0),
        reference: `${fmt(read, 0)} (SELECT of the edition's comments)`,
        ratio: ratio(median(reports), read),
        note: 'every comment, campaigns and themes first; target: under 2,000 ms',
      },
    ]
  } finally {
    await cleanups.run()
  }
}

/**
 * Grouping found exactly the planted campaigns: one per campaign text, each with every copy of it and
 * nothing else (comment n is person n's, so members map back to what was planted). A bench that is
 * fast because it found nothing, or wrong, fails instead of reporting a figure.
 */
async function expectPlanted(db: Db, truth: readonly (number | null)[]): Promise<void> {
  const { rows } = await sql<{ campaignId: number; authors: number[] }>`
    select m.campaign_id, array_agg(c.author_id order by c.author_id) as authors
    from campaign_members m join comments c on c.id = m.comment_id
    group by m.campaign_id`.execute(db)
  const found = rows.map((r) => {
    const kinds = new Set(r.authors.map((a) => truth[a - 1] ?? null))
    return { kinds: [...kinds], size: r.authors.length }
  })
  const planted = Array.from({ length: CAMPAIGN_TEXTS }, (_, c) => truth.filter((t) => t === c).length)
  const wrong = found.filter((f) => {
    const kind = f.kinds.length === 1 ? f.kinds[0] : null
    return kind === null || kind === undefined || planted[kind] !== f.size
  })
  if (found.length !== CAMPAIGN_TEXTS || wrong.length > 0)
    throw new Error(
      `campaigns: planted ${JSON.stringify(planted)}, found ${JSON.stringify(found.map((f) => [f.kinds, f.size]))}`,
    )
}
