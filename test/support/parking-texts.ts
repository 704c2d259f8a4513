/** A short guide in English and its Welsh text, block for block, for the suites on an edition's second text. */
export const ENGLISH = `# Parking

Park only in marked bays near the school gates.

- Residents may apply for a permit.
- Permits last one year.
`

export const WELSH = `# Parcio

Parciwch mewn baeau wedi’u marcio ger gatiau’r ysgol yn unig.

- Gall preswylwyr wneud cais am drwydded.
- Mae trwyddedau’n para blwyddyn.
`
