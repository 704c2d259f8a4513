import type { Triage } from '../triage.service.ts'
import { sectionId } from '../urls.ts'
import type { Lang } from '../../platform/i18n/languages.ts'
import { formatNumber, translator } from '../../platform/i18n/messages.ts'

/** The strip's height in viewBox units; each block is one unit wide, and the SVG stretches to the width. */
const HEIGHT = 40
/** A block with any feedback stands at least this tall, so one comment among hundreds still shows. */
const LEAST = 8
/** Bars are a little narrower than their slot, so two neighbouring paragraphs read as two bars. */
const BAR = 0.8
/** How many blocks the text beside the strip names. */
const NAMED = 6

type Place = Triage['general']

export interface HeatStripProps {
  triage: Pick<Triage, 'heat' | 'general' | 'removed' | 'page'>
  /** A link to a place on another page of the list. */
  hrefOn: (page: number, anchor: string) => string
  /** The interface language. */
  language: Lang
}

/**
 * Where feedback concentrates: one bar per block of the edition in reading order, as tall as its share
 * of comments. A bar with feedback is a link to the block's comments; the text beside it names the
 * blocks with the most, for anyone who does not see the picture.
 */
export const HeatStrip = ({ triage, hrefOn, language }: HeatStripProps) => {
  const t = translator(language)
  const n = (count: number) => formatNumber(language, count)
  /** A block's name for people: its number, and "paragraph" where it has none. */
  const blockName = (number: string) => number || t('triage.heat.unnumbered')
  const { heat } = triage
  const most = Math.max(1, ...heat.map((b) => b.count))
  const href = (page: number | null, anchor: string) =>
    page === null || page === triage.page ? `#${anchor}` : hrefOn(page, anchor)
  /** Where a place's comments are: its listed ones, or else the campaign they are answered in. */
  const to = (b: Place, anchor: string) =>
    b.page === null && b.campaign !== null ? `#k${b.campaign}` : href(b.page, anchor)
  /** How many comments a place has, saying how many of them are in campaigns. */
  const counted = (b: Place) =>
    b.inCampaigns > 0
      ? t('triage.heat.withCampaigns', { count: n(b.count), inCampaigns: b.inCampaigns })
      : n(b.count)
  const withFeedback = heat.filter((b) => b.count > 0)
  const top = [...withFeedback].sort((a, b) => b.count - a.count).slice(0, NAMED)
  return (
    <section class="heat-strip" aria-labelledby="heat-title">
      <h2 id="heat-title">{t('triage.heat.title')}</h2>
      <p class="field-hint" id="heat-hint">
        {t('triage.heat.hint', { count: n(heat.length) })}
      </p>
      <a class="skip-heat" href="#triage-list">
        {t('triage.heat.skip')}
      </a>
      <svg
        class="heat-bars"
        viewBox={`0 0 ${String(Math.max(1, heat.length))} ${String(HEIGHT)}`}
        preserveAspectRatio="none"
        aria-label={t('triage.heat.label', { with: withFeedback.length, all: heat.length })}
        aria-describedby="heat-hint"
      >
        {heat.map((b, x) => {
          if (b.count === 0)
            return <rect class="heat-none" x={x + (1 - BAR) / 2} y={HEIGHT - 2} width={BAR} height={2} />
          const tall = LEAST + ((HEIGHT - LEAST) * b.count) / most
          return (
            <a href={to(b, sectionId(b.key))}>
              <title>{`${blockName(b.number)}: ${t('triage.comments', { count: b.count })}${
                b.inCampaigns > 0 ? ` ${t('triage.heat.inCampaigns', { count: b.inCampaigns })}` : ''
              }`}</title>
              <rect class="heat-hit" x={x} y={0} width={1} height={HEIGHT} />
              <rect class="heat-bar" x={x + (1 - BAR) / 2} y={HEIGHT - tall} width={BAR} height={tall} />
            </a>
          )
        })}
      </svg>
      <p class="heat-summary">
        {top.length === 0 ? (
          t('triage.heat.none')
        ) : (
          <>
            {t('triage.heat.most')}{' '}
            {top.map((b, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <a href={to(b, sectionId(b.key))}>
                  {blockName(b.number)} ({counted(b)})
                </a>
              </>
            ))}
            .
          </>
        )}
        {triage.general.count > 0 ? (
          <>
            {' '}
            <a href={to(triage.general, 'general')}>{t('reading.generalDiscussion')}</a>:{' '}
            {counted(triage.general)}.
          </>
        ) : null}
        {triage.removed.count > 0 ? (
          <>
            {' '}
            <a href={to(triage.removed, 'removed')}>{t('triage.removedTitle')}</a>: {counted(triage.removed)}.
          </>
        ) : null}
      </p>
    </section>
  )
}
