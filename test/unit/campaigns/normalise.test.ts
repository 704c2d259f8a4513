import { describe, expect, it } from 'vitest'
import { campaignable, normalise } from '../../../src/campaigns/normalise.ts'

const TEXT =
  'I object to the removal of the cycle lane on Mill Road. It keeps children safe on the way to school.'
const PLAIN =
  'i object to the removal of the cycle lane on mill road it keeps children safe on the way to school'

describe('normalising a comment for campaigns', () => {
  it('folds case, punctuation, Markdown and white space', () => {
    expect(
      normalise(
        `  I OBJECT to the **removal** of the cycle-lane   on Mill Road!!\n\nIt keeps _children_ safe on the way to school…`,
      ),
    ).toBe(
      'i object to the removal of the cycle lane on mill road it keeps children safe on the way to school',
    )
  })

  it('drops a greeting line', () => {
    for (const greeting of [
      'Dear Sir,',
      'Hi,',
      'Hello planning team',
      'To whom it may concern:',
      'Dear Sir or Madam',
      'Annwyl Syr,',
    ])
      expect(normalise(`${greeting}\n${TEXT}`), greeting).toBe(PLAIN)
  })

  it('drops a greeting that opens the first line, up to its comma', () => {
    expect(normalise(`Hi, ${TEXT}`)).toBe(PLAIN)
    expect(normalise(`Dear Sir or Madam, ${TEXT}`)).toBe(PLAIN)
  })

  it('drops a sign-off and what follows it', () => {
    for (const signature of [
      'Regards, Jane Smith',
      'Kind regards,\nJane Smith',
      'Thanks',
      'Thank you.\nJ. R. Hartley\nMill Road Residents',
      'Yours faithfully,\nDr Ann O’Neill',
      'Best wishes\nSam',
      'Diolch yn fawr,\nSiân',
    ])
      expect(normalise(`${TEXT}\n\n${signature}`), signature).toBe(PLAIN)
  })

  it('drops a bare name on the last line', () => {
    expect(normalise(`${TEXT}\n\nJane Smith`)).toBe(PLAIN)
    expect(normalise(`${TEXT}\n— Priya`)).toBe(PLAIN)
  })

  it('drops a sign-off written as the last sentence of a one-line comment', () => {
    expect(normalise(`${TEXT} Regards, Jane Smith`)).toBe(PLAIN)
    expect(normalise(`${TEXT} Thanks!`)).toBe(PLAIN)
  })

  it('keeps a last sentence that only starts like a sign-off', () => {
    expect(normalise(`${TEXT}\n\nBest to keep the lane as it is.`)).toBe(
      `${PLAIN} best to keep the lane as it is`,
    )
    expect(normalise(`${TEXT}\nThank you for considering the children who cycle.`)).toBe(
      `${PLAIN} thank you for considering the children who cycle`,
    )
  })

  it('keeps a capitalised line in the middle, and a one-line comment as it is', () => {
    expect(normalise(`Mill Road\n${TEXT}`)).toBe(`mill road ${PLAIN}`)
    expect(normalise('Jane Smith')).toBe('jane smith')
  })

  it('keeps letters of every script, so Welsh stays Welsh', () => {
    expect(normalise('Mae’r lôn feiciau’n cadw plant yn ddiogel.')).toBe(
      'mae r lôn feiciau n cadw plant yn ddiogel',
    )
  })

  it('counts a text as a campaign text only from six words', () => {
    expect(campaignable('i agree with this')).toBe(false)
    expect(campaignable('')).toBe(false)
    expect(campaignable(PLAIN)).toBe(true)
  })
})
