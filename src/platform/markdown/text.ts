/** Unicode NFC with every run of white space collapsed: how Gloss decides two texts say the same. */
export const normaliseText = (text: string): string => text.normalize('NFC').replace(/\s+/gu, ' ').trim()
