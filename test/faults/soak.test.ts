import { describe, expect, it } from 'vitest'
import { databaseKind } from '../support/database.ts'
import { describeReport, runSoak } from './soak.ts'

/**
 * The soak of `npm run soak`, shortened to a minute so CI runs it: a real `gloss serve` with readers,
 * six reviewers posting and 75 event streams dropping and reconnecting. The ten-minute run is the
 * documented command; this one catches a leak fast enough to show in a minute, a 5xx, or a lost comment.
 */
describe(`a minute of mixed load (${databaseKind})`, () => {
  it('keeps memory flat, answers no 5xx and keeps every acknowledged comment', async () => {
    const lines: string[] = []
    const report = await runSoak({ minutes: 1, sampleSeconds: 2, log: (line) => lines.push(line) })
    console.log(`${lines.join('\n')}\n${describeReport(report)}`)
    expect(report.problems).toEqual([])
    expect(report.serverErrors).toEqual([])
    expect(report.missing).toBe(0)
    expect(report.acknowledged).toBeGreaterThan(100)
    // Every stream reconnected at least once, and events reached them.
    expect(report.streamsOpened).toBeGreaterThan(150)
    expect(report.streamEvents).toBeGreaterThan(report.acknowledged)
  }, 240_000)
})
