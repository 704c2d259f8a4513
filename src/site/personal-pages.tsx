import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Child } from 'hono/jsx'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Assets } from '../platform/http/assets.ts'
import { MessagePage } from './message.page.tsx'
import { translator } from '../platform/i18n/messages.ts'
import type { AppEnv } from '../platform/http/env.ts'

/** A form's body: a comment of 10,000 characters, percent-encoded, fits with room to spare. */
const MAX_FORM_BYTES = 128 * 1024

/**
 * Helpers for pages that hold forms, tokens or a person's own data: never stored by a cache, and form
 * bodies limited (the API has its own limit).
 */
export function personalPages(assets: Assets) {
  const page = (c: Context, body: string | Promise<string>, status: ContentfulStatusCode = 200) => {
    c.header('cache-control', 'no-store')
    return c.html(body, status)
  }
  const message = (c: Context, title: string, children: Child, status: ContentfulStatusCode = 200) =>
    page(
      c,
      <MessagePage assets={assets} title={title}>
        {children}
      </MessagePage>,
      status,
    )
  /** `back` adds a way back to where the form was. */
  const formLimit = (back?: (c: Context<AppEnv>) => Child) =>
    bodyLimit({
      maxSize: MAX_FORM_BYTES,
      onError: (c: Context<AppEnv>) => {
        const t = translator(c.get('lang'))
        return message(
          c,
          t('form.tooMuch'),
          <p>
            {t('form.tooLarge')}
            {back ? <> {back(c)}</> : null}
          </p>,
          413,
        )
      },
    })
  return { page, message, formLimit }
}
