import cluster from 'node:cluster'
import { parseArgs } from 'node:util'
import { loadConfig } from '../config.ts'
import { openDatabase } from '../platform/db/database.ts'
import { migrateToLatest } from '../platform/db/migrator.ts'
import { DomainError } from '../kernel/errors.ts'
import { main as serve } from '../main.ts'
import { blocksCommand } from './blocks.command.ts'
import { importCommand } from './import.command.ts'
import { diffCommand } from './diff.command.ts'
import { exportCommand } from './export.command.ts'
import { restoreCommand } from './restore.command.ts'
import { reviseCommand } from './revise.command.ts'
import { userAddCommand } from './user.command.ts'

const USAGE = `Usage: gloss <command>

  serve [--workers N|auto]       run the server (what npm start runs); --workers runs N processes on
                                 one port (auto: one per core; PostgreSQL only)
  migrate                        apply database migrations
  import <file.md> [--slug s]    a new guide, edition 1 (a draft unless its front matter says otherwise)
  revise <slug> <file.md>        the guide's next edition (a draft), with its lineage
  blocks <file.md>... --json     how files split into blocks, one JSON line per file (no database)
  diff <old.md> <new.md> --json  the lineage between two sources (no database)
  user add <email> [--admin] [--name n] [--password-stdin]
                                 an account, for setting up without a browser
  export <file>                  the whole instance into one file (it holds password hashes)
  restore <file> [--force]       an exported instance into an empty database; --force replaces
                                 everything already in it

The database is DATABASE_URL if set, else the embedded PostgreSQL in DATA_DIR (default ./data).`

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  switch (command) {
    case 'serve': {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { workers: { type: 'string' } },
      })
      if (positionals.length > 0) return usage('serve takes no files.')
      const workers = values.workers ?? '1'
      if (workers !== 'auto' && !/^[1-9]\d{0,2}$/.test(workers))
        return usage(`--workers takes a number of processes, or auto for one per core; not "${workers}".`)
      await serve({ workers: workers === 'auto' ? 'auto' : Number(workers) })
      return -1
    }
    case 'migrate': {
      const config = loadConfig()
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
      try {
        const result = await migrateToLatest(database.db)
        const applied = result.results?.map((r) => r.migrationName) ?? []
        console.log(applied.length ? `Applied ${applied.join(', ')}.` : 'The database is up to date.')
      } finally {
        await database.close()
      }
      return 0
    }
    case 'import': {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { slug: { type: 'string' } },
      })
      if (positionals.length !== 1 || !positionals[0]) return usage('import takes one file.')
      await importCommand(loadConfig(), positionals[0], values.slug)
      return 0
    }
    case 'revise': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} })
      const [slug, file] = positionals
      if (positionals.length !== 2 || !slug || !file) return usage('revise takes a guide slug and one file.')
      await reviseCommand(loadConfig(), slug, file)
      return 0
    }
    case 'blocks': {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { json: { type: 'boolean' } },
      })
      if (!values.json) return usage('blocks writes JSON only: add --json.')
      if (positionals.length === 0) return usage('blocks takes at least one file.')
      return blocksCommand(positionals, (line) => process.stdout.write(`${line}\n`))
    }
    case 'diff': {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { json: { type: 'boolean' } },
      })
      if (!values.json) return usage('diff writes JSON only: add --json.')
      const [before, after] = positionals
      if (positionals.length !== 2 || !before || !after)
        return usage('diff takes two files: the old and the new.')
      return diffCommand(before, after, (line) => process.stdout.write(`${line}\n`))
    }
    case 'user': {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          admin: { type: 'boolean' },
          name: { type: 'string' },
          'password-stdin': { type: 'boolean' },
        },
      })
      if (positionals[0] !== 'add' || positionals.length !== 2 || !positionals[1])
        return usage('user add takes one email.')
      await userAddCommand(loadConfig(), {
        email: positionals[1],
        name: values.name,
        admin: values.admin ?? false,
        passwordFromStdin: values['password-stdin'] ?? false,
      })
      return 0
    }
    case 'export': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} })
      if (positionals.length !== 1 || !positionals[0]) return usage('export takes one file to write.')
      await exportCommand(loadConfig(), positionals[0])
      return 0
    }
    case 'restore': {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { force: { type: 'boolean' } },
      })
      if (positionals.length !== 1 || !positionals[0]) return usage('restore takes one file to read.')
      await restoreCommand(loadConfig(), positionals[0], values.force ?? false)
      return 0
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE)
      return command === undefined ? 2 : 0
    default:
      return usage(`There is no command "${command}".`)
  }
}

function usage(message: string): number {
  console.error(`${message}\n\n${USAGE}`)
  return 2
}

run(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code
  },
  (error: unknown) => {
    console.error(error instanceof DomainError || error instanceof Error ? `gloss: ${error.message}` : error)
    process.exitCode = 1
    // A worker's channel to its primary would keep it alive; the primary starts another once it exits.
    if (cluster.isWorker) process.exit()
  },
)
