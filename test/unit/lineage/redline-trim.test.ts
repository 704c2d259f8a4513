import { describe, expect, it } from 'vitest'
import { redlineParts } from '../../../src/lineage/redline.ts'
import { trimRedline } from '../../../src/lineage/redline-trim.ts'

const PARAGRAPH =
  'Congratulations on being elected. Whether you won by three hundred votes or by three, you now represent a ward full of people who will want to know what you are doing, what the council is doing, and why the bins were late on Tuesday. For many of them, the first place they will look for you is not the town hall but their phone.'

const read = (parts: readonly { text: string; change?: string }[]) =>
  parts
    .map((p) => (p.change === 'del' ? `[-${p.text}-]` : p.change === 'ins' ? `{+${p.text}+}` : p.text))
    .join('')

describe('a shortened redline', () => {
  it('keeps a few words either side of a change in a long paragraph', () => {
    const parts = redlineParts(PARAGRAPH, PARAGRAPH.replace('on Tuesday', 'again'))
    expect(read(trimRedline(parts, 4))).toBe('… the bins were late [-on Tuesday-]{+again+}. For many of …')
  })

  it('cuts a long unchanged stretch between two changes, keeping its ends', () => {
    const changed = PARAGRAPH.replace('Congratulations', 'Well done').replace('their phone', 'a screen')
    expect(read(trimRedline(redlineParts(PARAGRAPH, changed), 3))).toBe(
      '[-Congratulations-]{+Well done+} on being elected. … town hall but [-their phone-]{+a screen+}.',
    )
  })

  it('leaves a short redline, or one with no change, as it is', () => {
    const parts = redlineParts('Answer within two days.', 'Answer within three days.')
    expect(trimRedline(parts)).toEqual(parts)
    expect(trimRedline([{ text: PARAGRAPH }])).toEqual([{ text: PARAGRAPH }])
  })
})
