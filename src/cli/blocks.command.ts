import { readFile } from 'node:fs/promises'
import { DomainError } from '../kernel/errors.ts'
import { makeProblem, type Problem } from '../platform/http/problem.ts'
import { decodeSource } from '../platform/markdown/limits.ts'
import { splitDocument } from '../platform/markdown/split.ts'

/** `gloss blocks <file.md>... --json`: how files split, one JSON object a line (SPEC.md's contract). */
export async function blocksCommand(files: string[], write: (line: string) => void): Promise<number> {
  let failed = false
  for (const file of files) {
    try {
      const document = splitDocument(decodeSource(await readFile(file)))
      write(
        JSON.stringify({
          file,
          html: document.html,
          page: document.page,
          blocks: document.blocks.map((b) => ({
            ordinal: b.ordinal,
            kind: b.kind,
            number: b.number,
            text: b.text,
            markdown: b.markdown,
            html: b.html,
            sectionPath: b.sectionPath,
            hash: b.hash,
          })),
        }),
      )
    } catch (error) {
      failed = true
      write(JSON.stringify({ file, error: fileProblem(error) }))
    }
  }
  return failed ? 1 : 0
}

export function fileProblem(error: unknown): Problem {
  if (error instanceof DomainError) return makeProblem(error.code, error.message, error.errors)
  const code = (error as { code?: unknown }).code
  if (code === 'ENOENT') return makeProblem('file-not-found', 'There is no such file.')
  if (code === 'EISDIR') return makeProblem('not-a-file', 'That is a folder, not a file.')
  if (code === 'EACCES') return makeProblem('file-not-readable', 'The file cannot be read.')
  return makeProblem('unreadable', (error as Error).message)
}
