import { z } from 'zod'
import { MAX_SOURCE_BYTES } from '../../platform/markdown/limits.ts'
import { zonedTimeToUtc } from '../../kernel/time-zone.ts'
import { storableText } from '../../kernel/storable-text.ts'
import { LANGUAGES, type Lang } from '../../platform/i18n/languages.ts'
import { translator } from '../../platform/i18n/messages.ts'

/** Paragraphs one correction may name. */
const MAX_PARAGRAPHS = 50

/**
 * The editor's forms, with their messages for people in a language: `editorFormsIn` once per language,
 * since the transition form reads times in the instance's zone.
 */
export function editorFormsIn(lang: Lang, zone: string) {
  const t = translator(lang)

  /**
   * A `datetime-local` value read as a time in the instance's zone (the page names it): `2026-03-31T17:00`.
   * An hour the clocks skip is refused rather than moved, so nobody's window shifts without them knowing.
   */
  const zonedMinute = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, t('editor.form.dateTime'))
    .transform((value, ctx) => {
      const at = zonedTimeToUtc(value, zone)
      if (!at) {
        ctx.addIssue({ code: 'custom', message: t('editor.form.noSuchTime', { zone }) })
        return z.NEVER
      }
      return at
    })

  const TransitionForm = z.strictObject({
    to: z.enum(['open', 'closed', 'published'], t('editor.form.chooseTransition')),
    opensAt: zonedMinute.optional(),
    closesAt: zonedMinute.optional(),
  })

  const whichBlock = t('editor.form.whichBlock')
  const ordinal = z.int(whichBlock).min(0, whichBlock)
  const hash = z.string().regex(/^[\w-]{22}$/, whichBlock)
  /** The block's number as the page showed it, to name it by if the draft has moved on. */
  const number = z.string().max(40, whichBlock).optional()

  const BlockForm = z.discriminatedUnion(
    'op',
    [
      z.strictObject({
        op: z.enum(['edit', 'insert']),
        ordinal,
        hash,
        number,
        markdown: storableText().max(MAX_SOURCE_BYTES, t('editor.form.tooMuchText')),
      }),
      z.strictObject({ op: z.enum(['delete', 'up', 'down']), ordinal, hash, number }),
    ],
    t('editor.form.chooseOp'),
  )

  /** "3.2, 3.3" (paragraph numbers as the edition shows them); blank: the block is new. */
  const numbers = t('editor.form.paragraphNumbers')
  const CorrectionForm = z.strictObject({
    ordinal,
    hash,
    from: z
      .string()
      .max(2000, numbers)
      .transform((value) => value.split(/[\s,;]+/).filter((n) => n !== ''))
      .pipe(
        z
          .array(z.string().max(40, numbers))
          .max(MAX_PARAGRAPHS, t('editor.form.atMostParagraphs', { max: MAX_PARAGRAPHS })),
      ),
  })

  const whichEdition = t('editor.form.whichEdition')
  const CreateForm = z.strictObject({
    base: z.int(whichEdition).min(1, whichEdition),
    version: z.string(whichEdition).max(40, whichEdition),
  })

  /** An edition's text in another language: one Gloss speaks, chosen from a list, and its Markdown. */
  const TranslationForm = z.strictObject({
    lang: z.enum(LANGUAGES, t('editor.form.chooseLanguage')),
    markdown: z
      .string()
      .refine((text) => text.trim() !== '', t('editor.form.noTranslation'))
      .refine((text) => text.length <= MAX_SOURCE_BYTES, t('editor.form.tooMuchText')),
  })

  return { TransitionForm, BlockForm, CorrectionForm, CreateForm, TranslationForm }
}

export type EditorForms = ReturnType<typeof editorFormsIn>
