import { describe, expect, it } from 'vitest'
import { deviceOf } from '../../../src/people/user-agent.ts'

/** The account page names each session's device as a person knows it, from the header browsers send. */
describe('a browser as a person knows it', () => {
  it('names common browsers on their systems, Edge and Chrome apart though both say Chrome', () => {
    expect(
      deviceOf(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      ),
    ).toEqual({ browser: 'Edge', system: 'Windows' })
    expect(
      deviceOf(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      ),
    ).toEqual({ browser: 'Chrome', system: 'Linux' })
    expect(
      deviceOf(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      ),
    ).toEqual({ browser: 'Safari', system: 'iPhone' })
    expect(deviceOf('Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0')).toEqual({
      browser: 'Firefox',
      system: 'Android',
    })
  })

  it('says nothing of a header it cannot read', () => {
    expect(deviceOf('')).toBeUndefined()
    expect(deviceOf('node')).toBeUndefined()
  })
})
