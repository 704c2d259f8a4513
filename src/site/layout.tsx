import { shownTimeZone } from './time-zone.ts'
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { Assets } from '../platform/http/assets.ts'
import type { PageFeed } from './follow-links.tsx'
import { moderationLogPath } from '../moderation/urls.ts'
import { privacyPath } from '../privacy/urls.ts'
import { otherLanguage, type Lang } from '../platform/i18n/languages.ts'
import { translator } from '../platform/i18n/messages.ts'
import { requestLanguage, requestPath } from '../platform/http/language.tsx'
import { languageSwitchPath } from './language-switch.routes.ts'

export interface LayoutProps {
  title: string
  assets: Assets
  /** The interface language; pages not yet given it are framed in the request's (language.ts). */
  language?: Lang | undefined
  /** The language of the page's main part where it is not the interface's (a guide's own text). */
  lang?: string | undefined
  description?: string | undefined
  canonical?: string | undefined
  /** Atom feeds for feed readers to discover. */
  feeds?: readonly PageFeed[] | undefined
  /** The id the skip link goes to: the page's main part unless the page has text to read past its tools. */
  skipTo?: string | undefined
  /** The guide the page belongs to: its footer then leads to that guide's privacy notice and moderation log. */
  guide?: { slug: string; title?: string | undefined } | undefined
  children?: Child
}

/** Every page's frame: one stylesheet, one deferred module script, no inline script (see the CSP). */
export const Layout = ({
  title,
  assets,
  language: given,
  lang,
  description,
  canonical,
  feeds,
  skipTo,
  guide,
  children,
}: LayoutProps) => {
  const language = given ?? requestLanguage()
  const t = translator(language)
  const other = otherLanguage(language)
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={language} data-time-zone={shownTimeZone()}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
          {description ? <meta name="description" content={description} /> : null}
          {canonical ? <link rel="canonical" href={canonical} /> : null}
          {feeds?.map((feed) => (
            <link rel="alternate" type="application/atom+xml" title={feed.title} href={feed.href} />
          ))}
          <link rel="stylesheet" href={assets.style.path} />
          <script type="module" src={assets.script.path}></script>
        </head>
        <body>
          <a class="skip-link" href={`#${skipTo ?? 'main'}`}>
            {t('layout.skipToText')}
          </a>
          <header class="site-header">
            <a class="brand" href="/">
              {t('layout.brand')}
            </a>
            <nav aria-label={t('layout.siteNav')}>
              <a href="/">{t('layout.guides')}</a>
              {/* The count is the person's own: filled in by script from their uncached stream, never served. */}
              <a href="/me/notifications" class="notices-link">
                {t('layout.notices')}
                <gloss-notice-count></gloss-notice-count>
              </a>
              <a href="/account">{t('layout.account')}</a>
              {/* In the language it offers, so a screen reader says it as a Welsh (or English) speaker would. */}
              <a
                href={languageSwitchPath(other, requestPath())}
                lang={other}
                hreflang={other}
                class="language-switch"
              >
                {t('layout.switchLanguage')}
              </a>
            </nav>
          </header>
          <main id="main" class="page" tabindex={-1} lang={lang && lang !== language ? lang : undefined}>
            {children}
          </main>
          <footer class="site-footer">
            <span>{t('layout.tagline')}</span>
            <nav aria-label={t('layout.aboutNav')}>
              {guide ? (
                <>
                  <a href={privacyPath(guide.slug)}>
                    {t('layout.privacy')}
                    {guide.title === undefined ? null : (
                      <span class="visually-hidden">{t('layout.privacyOf', { title: guide.title })}</span>
                    )}
                  </a>
                  <a href={moderationLogPath(guide.slug)}>
                    {t('layout.moderationLog')}
                    {guide.title === undefined ? null : (
                      <span class="visually-hidden">
                        {t('layout.moderationLogOf', { title: guide.title })}
                      </span>
                    )}
                  </a>
                </>
              ) : null}
              <a href="/accessibility">{t('layout.accessibility')}</a>
            </nav>
          </footer>
        </body>
      </html>
    </>
  )
}
