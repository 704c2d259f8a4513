import type { Child } from 'hono/jsx'
import type { Assets } from '../platform/http/assets.ts'
import { Layout } from './layout.tsx'

/** A page that only says something: not found, removed, an error. */
export const MessagePage = (p: { assets: Assets; title: string; children?: Child }) => (
  <Layout title={`${p.title} · Gloss`} assets={p.assets}>
    <h1>{p.title}</h1>
    <div class="notice">{p.children}</div>
  </Layout>
)
