import type { DraftPreview } from '../draft-preview.service.ts'
import { LandingList } from './landing-list.tsx'
import { redlineParts } from '../../lineage/redline.ts'
import { Redline } from '../../site/redline.tsx'
import { ButtonForm, errorFor, type FormProblems } from '../../site/form.tsx'
import { editorPaths } from '../urls.ts'
import { kindLabel } from './draft-block.tsx'
import type { LineageChange } from '../../kernel/words.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'

export type PreviewBlock = DraftPreview['view']['blocks'][number]

/** The change's name in words, coloured by kind: the colour only repeats what the words say. */
export const ChangeBadge = ({ change, language }: { change: LineageChange; language: Lang }) => (
  <span class={`change-badge change-${change}`}>{translator(language)(`change.${change}`)}</span>
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
  /** The guide's language, which the block's words are marked with. */
  lang: string
  base: number
  block: PreviewBlock
  preview: DraftPreview
  corrected: boolean
  /** Its link was kept by editing the block in place. */
  kept?: boolean | undefined
  failed?: FailedCorrection | undefined
  /** The interface language. */
  language: Lang
}

export const LineageBlock = (p: LineageBlockProps) => {
  const b = p.block
  const o = String(b.ordinal)
  const t = translator(p.language)
  const before = b.from.map((i) => p.preview.before[i]?.text ?? '').join('\n\n')
  return (
    <li class={`lineage-block change-${b.change}`} id={`n-${o}`}>
      <p class="lineage-head">
        <span class="draft-number">{b.number}</span>{' '}
        <span class="draft-kind">{kindLabel(b.kind, p.language)}</span>{' '}
        <ChangeBadge change={b.change} language={p.language} />
        {b.fromNumbers.length > 0 && b.change !== 'unchanged' ? (
          <span class="muted"> {t('editor.lineage.from', { numbers: b.fromNumbers.join(' + ') })}</span>
        ) : null}
        {ALIKE_SHOWN.has(b.change) ? (
          <span class="muted"> · {t('editor.lineage.alike', { alike: b.similarity })}</span>
        ) : null}
        {p.corrected ? <span class="badge corrected-badge">{t('editor.lineage.corrected')}</span> : null}
        {p.kept ? <span class="badge corrected-badge">{t('editor.lineage.kept')}</span> : null}
      </p>
      {REWORDED.has(b.change) ? (
        <div lang={p.lang}>
          <Redline
            parts={redlineParts(before, b.text)}
            label={t('editor.lineage.changes', { number: b.number })}
          />
        </div>
      ) : (
        <p class="lineage-text" dir="auto" lang={p.lang}>
          {b.text}
        </p>
      )}
      <LandingList ids={b.comments} comments={p.preview.comments} what="showHere" language={p.language} />
      <Correction {...p} />
    </li>
  )
}

const Correction = (p: LineageBlockProps) => {
  const t = translator(p.language)
  const o = String(p.block.ordinal)
  const id = `link-${o}-from`
  const error = errorFor(p.failed?.problems, 'from')
  const links = `${editorPaths(p.slug).revise}/links`
  return (
    <div class="draft-actions">
      <details class="draft-action" open={p.failed !== undefined}>
        <summary>
          {t('editor.lineage.correct')}
          <span class="visually-hidden"> {t('editor.lineage.correctWhich', { number: p.block.number })}</span>
        </summary>
        <form method="post" action={links} class="form">
          <input type="hidden" name="ordinal" value={o} />
          <input type="hidden" name="hash" value={p.preview.hashes[p.block.ordinal] ?? ''} />
          <div class={error ? 'field field-invalid' : 'field'}>
            <label for={id}>{t('editor.lineage.fromLabel', { number: p.base })}</label>
            <p class="field-hint" id={`${id}-hint`}>
              {t('editor.lineage.fromHint')}
            </p>
            {error ? (
              <p class="field-error" id={`${id}-error`}>
                <span class="visually-hidden">{t('form.errorPrefix')} </span>
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
            {t('editor.lineage.save')}
          </button>
        </form>
      </details>
      {p.corrected || p.kept ? (
        <ButtonForm action={`${links}/${o}/undo`} label={t('editor.lineage.undo')} variant="secondary" />
      ) : null}
    </div>
  )
}
