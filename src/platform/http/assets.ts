import { build } from 'esbuild'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

export interface Asset {
  path: string
  body: Uint8Array
  type: string
  etag: string
}

export interface Assets {
  script: Asset
  style: Asset
  byPath: Map<string, Asset>
}

const WEB = fileURLToPath(new URL('../../../web/', import.meta.url))

const asset = (name: string, ext: string, body: Uint8Array, type: string): Asset => {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 12)
  return { path: `/assets/${name}-${hash}.${ext}`, body, type, etag: `"${hash}"` }
}

/**
 * Bundles web/ once at start (esbuild takes a fraction of a second), into content-hashed paths that
 * are served with a year's cache lifetime: a new build is a new URL.
 */
export async function buildAssets(): Promise<Assets> {
  const result = await build({
    entryPoints: [`${WEB}main.ts`],
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    write: false,
    tsconfig: `${WEB}tsconfig.json`,
    legalComments: 'none',
  })
  const js = result.outputFiles[0]
  if (!js) throw new Error('The web bundle came out empty.')
  const css = await readFile(`${WEB}styles.css`)
  const script = asset('main', 'js', js.contents, 'text/javascript; charset=utf-8')
  const style = asset('gloss', 'css', css, 'text/css; charset=utf-8')
  return { script, style, byPath: new Map([script, style].map((a) => [a.path, a])) }
}
