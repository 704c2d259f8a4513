/** Unicode NFC with every run of white space collapsed: how Gloss decides two texts say the same. */
export const normaliseText = (text: string): string => text.normalize('NFC').replace(/\s+/gu, ' ').trim()

/**
 * Unicode NFC with every run of white space collapsed, ends kept: how a quote is checked against its
 * paragraph (a quote's prefix and suffix often begin or end with a space that matters).
 */
export const squashSpace = (text: string): string => text.normalize('NFC').replace(/\s+/gu, ' ')
