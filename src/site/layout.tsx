import { shownTimeZone } from './time-zone.ts'
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { Assets } from '../platform/http/assets.ts'
import type { PageFeed } from './follow-links.tsx'

export interface LayoutProps {
  title: string
  assets: Assets
  lang?: string | undefined
  description?: string | undefined
  canonical?: string | undefined
  /** Atom feeds for feed readers to discover. */
  feeds?: readonly PageFeed[] | undefined
  /** The id the skip link goes to: the page's main part unless the page has text to read past its tools. */
  skipTo?: string | undefined
  children?: Child
}

/** Every page's frame: one stylesheet, one deferred module script, no inline script (see the CSP). */
export const Layout = ({
  title,
  assets,
  lang,
  description,
  canonical,
  feeds,
  skipTo,
  children,
}: LayoutProps) => (
  <>
    {raw('<!doctype html>')}
    <html lang={lang ?? 'en'} data-time-zone={shownTimeZone()}>
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
          Skip to the text
        </a>
        <header class="site-header">
          <a class="brand" href="/">
            Gloss
          </a>
          <nav aria-label="Site">
            <a href="/">Guides</a>
            <a href="/account">Account</a>
          </nav>
        </header>
        <main id="main" class="page" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <span>Gloss: guides written with the people they are for.</span>
        </footer>
      </body>
    </html>
  </>
)
