#!/usr/bin/env node
// The gloss command. Gloss is written in TypeScript and runs through tsx's loader, so there is no build step.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
