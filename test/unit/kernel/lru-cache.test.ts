import { describe, expect, it } from 'vitest'
import { LruCache } from '../../../src/kernel/lru-cache.ts'

const kept = (cache: LruCache<number>, keys: string[]) => keys.filter((key) => cache.get(key) !== undefined)

describe('the least-recently-used cache', () => {
  it('forgets the entry used least recently when full, a read counting as a use', () => {
    const cache = new LruCache<number>(3)
    cache.set('a', 1)
    cache.set('b', 2)
    cache.set('c', 3)
    expect(cache.get('a')).toBe(1)
    cache.set('d', 4)
    // b was used least lately: a was read after it, c and d were written after it.
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')).toBe(1)
    expect(cache.get('c')).toBe(3)
    expect(cache.get('d')).toBe(4)
  })

  it('keeps an entry read again and again, however many others are written once', () => {
    const cache = new LruCache<number>(2)
    cache.set('page', 1)
    cache.set('other', 2)
    for (let n = 0; n < 5; n++) {
      expect(cache.get('page')).toBe(1)
      expect(cache.get('page')).toBe(1)
      cache.set(`once-${String(n)}`, n)
    }
    expect(kept(cache, ['page', 'other', 'once-3', 'once-4'])).toEqual(['page', 'once-4'])
  })

  it('forgets a deleted entry, and one written again is the newest', () => {
    const cache = new LruCache<number>(2)
    cache.set('a', 1)
    cache.set('b', 2)
    cache.delete('b')
    expect(cache.get('b')).toBeUndefined()
    cache.set('b', 3)
    cache.set('a', 4)
    cache.set('c', 5)
    expect(kept(cache, ['a', 'b', 'c'])).toEqual(['a', 'c'])
    expect(cache.get('a')).toBe(4)
  })
})
