// The worker thread's entry: Gloss runs from TypeScript through tsx, which a new thread must load itself.
import { register } from 'tsx/esm/api'

register()
await import('./split-worker.ts')
