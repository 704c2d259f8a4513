import { readFile } from 'node:fs/promises'
import { align } from '../lineage/align.ts'
import { decodeSource } from '../platform/markdown/limits.ts'
import { splitDocument } from '../platform/markdown/split.ts'
import { fileProblem } from './blocks.command.ts'

/** `gloss diff <old.md> <new.md> --json`: the lineage between two sources (SPEC.md's contract). */
export async function diffCommand(
  oldFile: string,
  newFile: string,
  write: (line: string) => void,
): Promise<number> {
  const documents = []
  for (const file of [oldFile, newFile]) {
    try {
      documents.push(splitDocument(decodeSource(await readFile(file))))
    } catch (error) {
      write(JSON.stringify({ file, error: fileProblem(error) }))
      return 1
    }
  }
  const [before, after] = documents
  if (!before || !after) return 1
  write(JSON.stringify(align(before.blocks, after.blocks)))
  return 0
}
