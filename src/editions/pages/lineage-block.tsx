import type { DraftPreview } from '../draft-preview.service.ts'
import { LandingList } from './landing-list.tsx'
import { redlineParts } from '../../lineage/redline.ts'
import { Redline } from '../../site/redline.tsx'
import { ButtonForm, errorFor, type FormProblems } from '../../site/form.tsx'
import { editorPaths } from '../urls.ts'
import { kindLabel } from './draft-block.tsx'
import type { LineageChange } from '../../kernel/words.ts'
import { CHANGE_LABELS } from '../../kernel/change-label.ts'

export type PreviewBlock = DraftPreview['view']['blocks'][number]

/** The change's name in words, coloured by kind: the colour only repeats what the words say. */
export const ChangeBadge = ({ change }: { change: LineageChange }) => (
  <span class={`change-badge change-${change}`}>{CHANGE_LABELS[change]}</span>
)

/** Changes whose wording differs from where they came from, shown as a redline. */
const REWORDED = new Set(['edited', 'moved-edited', 'split', 'merged'])
/**
 * A piece of a split, or a merge, is measured by how much of one lies in the other, so it reads as
 * "100% alike" while its wording plainly differs: the percentage is shown only for a block edited whole.
 */
const ALIKE_SHOWN = new Set(['edited', 'moved-edited'])

/** A correction refused: which block's form, what was typed, and why. */
export interface FailedCorrection {
  ordinal: number
  from: string
  problems: FormProblems
}

export interface LineageBlockProps {
  slug: string
  base: number
  block: PreviewBlock
  preview: DraftPreview
  corrected: boolean
  failed?: FailedCorrection | undefined
}

export const LineageBlock = (p: LineageBlockProps) => {
  const b = p.block
  const o = String(b.ordinal)
  const before = b.from.map((i) => p.preview.before[i]?.text ?? '').join('\n\n')
  return (
    <li class={`lineage-block change-${b.change}`} id={`n-${o}`}>
      <p class="lineage-head">
        <span class="draft-number">{b.number}</span> <span class="draft-kind">{kindLabel(b.kind)}</span>{' '}
        <ChangeBadge change={b.change} />
        {b.fromNumbers.length > 0 && b.change !== 'unchanged' ? (
          <span class="muted"> from {b.fromNumbers.join(' + ')}</span>
        ) : null}
        {ALIKE_SHOWN.has(b.change) ? (
          <span class="muted"> · {Math.round(b.similarity * 100)}% alike</span>
        ) : null}
        {p.corrected ? <span class="badge corrected-badge">Corrected by you</span> : null}
      </p>
      {REWORDED.has(b.change) ? (
        <Redline parts={redlineParts(before, b.text)} label={`Changes to block ${b.number}`} />
      ) : (
        <p class="lineage-text">{b.text}</p>
      )}
      <LandingList ids={b.comments} comments={p.preview.comments} what="showHere" />
      <Correction {...p} />
    </li>
  )
}

const Correction = (p: LineageBlockProps) => {
  const o = String(p.block.ordinal)
  const id = `link-${o}-from`
  const error = errorFor(p.failed?.problems, 'from')
  const links = `${editorPaths(p.slug).revise}/links`
  return (
    <div class="draft-actions">
      <details class="draft-action" open={p.failed !== undefined}>
        <summary>
          Correct this link<span class="visually-hidden"> for block {p.block.number}</span>
        </summary>
        <form method="post" action={links} class="form">
          <input type="hidden" name="ordinal" value={o} />
          <input type="hidden" name="hash" value={p.preview.hashes[p.block.ordinal] ?? ''} />
          <div class={error ? 'field field-invalid' : 'field'}>
            <label for={id}>Comes from paragraph numbers in edition {p.base}</label>
            <p class="field-hint" id={`${id}-hint`}>
              Separated by commas, such as 3.2, 3.3. Leave it empty if this block is new.
            </p>
            {error ? (
              <p class="field-error" id={`${id}-error`}>
                <span class="visually-hidden">Error: </span>
                {error}
              </p>
            ) : null}
            <input
              type="text"
              id={id}
              name="from"
              value={p.failed?.from ?? p.block.fromNumbers.join(', ')}
              aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
              aria-invalid={error ? 'true' : undefined}
            />
          </div>
          <button type="submit" class="button">
            Save correction
          </button>
        </form>
      </details>
      {p.corrected ? (
        <ButtonForm action={`${links}/${o}/undo`} label="Undo correction" variant="secondary" />
      ) : null}
    </div>
  )
}
