/**
 * Comments as a consultation on a town's transport plan draws them: campaigns (a text handed out and
 * sent by many, each copy changed the ways people change it) among people's own comments, which share
 * the campaigns' vocabulary but not their message. Seeded, so a failing run can be looked at again.
 */

export interface GeneratedComment {
  /** The campaign it was written from, or null for someone's own comment. */
  campaign: number | null
  /** Who sends it: campaigns are sent by different people, once or now and then twice. */
  author: number
  body: string
}

const CAMPAIGNS = [
  [
    'I object to the removal of the protected cycle lane on Mill Road.',
    'The lane keeps children safe on their way to Parkside school every morning.',
    'Removing it will push cyclists back into heavy traffic and more people will be hurt.',
    'Please keep the lane and extend it to the railway station instead.',
  ],
  [
    'I support the proposal to close the High Street to through traffic on Saturdays.',
    'Market traders and shoppers deserve clean air and room to walk.',
    'Delivery vans can still use the rear service roads before ten in the morning.',
    'Please make the Saturday closure permanent after the trial.',
  ],
  [
    'The bus station must not be moved to the edge of town.',
    'Older people and disabled passengers rely on a central stop near the surgery and the library.',
    'A new site a mile away would cut them off from the services they use every week.',
    'Invest in the current bus station instead of selling the land for flats.',
  ],
  [
    'Parking charges at the leisure centre should be scrapped for residents.',
    'Families already pay for swimming lessons and cannot afford another charge.',
    'Since the charges began fewer children have learned to swim in our town.',
    'Give every resident a free parking permit for the leisure centre.',
  ],
  [
    'The plan should protect the allotments behind Station Road from housing.',
    'Growing our own food keeps people healthy and brings neighbours together.',
    'There is a waiting list of more than two hundred households for a plot.',
    'Please list the allotments as green space that cannot be built on.',
  ],
]

/** How many campaign texts there are to copy. */
export const CAMPAIGN_TEXTS = CAMPAIGNS.length

const OWN_SENTENCES = [
  'I have lived here for thirty years.',
  'My daughter cycles to school on this road.',
  'This matters a great deal to our street.',
  'I hope the council listens this time.',
  'We raised this at the residents meeting last month.',
  'I run a small shop near the station.',
]

const GREETINGS = ['Dear Sir or Madam,', 'Hi,', 'Dear planning team,', 'Hello,', 'To whom it may concern:']
const SIGN_OFFS = ['Regards,', 'Kind regards,', 'Thanks', 'Yours faithfully,', 'Best wishes,', 'Many thanks,']
const NAMES = [
  'Jane Smith',
  'Tom Evans',
  'Priya Patel',
  'Dr Ann O’Neill',
  'J. R. Hartley',
  'Sam',
  'Gareth Lloyd',
]

const SUBJECTS = [
  'the cycle lane on Mill Road',
  'the Saturday closure of the High Street',
  'the bus station',
  'parking at the leisure centre',
  'the new crossing by the school',
  'the railway station car park',
  'the speed limit on the ring road',
  'the delivery times for shops',
  'the footpath along the river',
  'the bus timetable in the evening',
]
const OPINIONS = [
  'needs better lighting at night',
  'should be discussed with the traders first',
  'would work if the buses ran more often',
  'is not explained clearly in section three',
  'will cost more than the plan admits',
  'has been ignored in earlier plans',
  'could be paid for from the parking income',
  'ought to be trialled for six months',
  'must take account of disabled residents',
  'is the least of the problems in our town',
]
const OPENERS = [
  'I think',
  'In my view',
  'It seems to me that',
  'My worry is that',
  'Surely',
  'We feel',
  'Honestly',
]
const REASONS = [
  'because the traffic at school time is already heavy',
  'since most residents walk to the High Street',
  'as the survey last year showed',
  'because older people rely on it',
  'given how many children use the route',
  'since the land could be sold for flats',
  'because delivery vans block the road every morning',
  'as families cannot afford more charges',
]

/** A small seeded generator (mulberry32), so the set is the same on every run. */
export function seeded(seed: number) {
  let state = seed
  const next = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T
  return { next, pick }
}

type Random = ReturnType<typeof seeded>

/** A slip of the keyboard in a word or two: letters swapped, dropped or doubled. */
function typo(sentence: string, random: Random): string {
  const words = sentence.split(' ')
  const at = Math.floor(random.next() * words.length)
  const word = words[at] ?? ''
  if (word.length < 4) return sentence
  const i = 1 + Math.floor(random.next() * (word.length - 2))
  const slips = [
    word.slice(0, i) + (word[i + 1] ?? '') + (word[i] ?? '') + word.slice(i + 2),
    word.slice(0, i) + word.slice(i + 1),
    word.slice(0, i) + (word[i] ?? '') + word.slice(i),
  ]
  words[at] = random.pick(slips)
  return words.join(' ')
}

/** One person's copy of a campaign's text, changed as people change them. */
export function campaignCopy(campaign: number, random: Random): string {
  let sentences = [...(CAMPAIGNS[campaign] ?? [])]
  if (random.next() < 0.35) sentences = sentences.sort(() => random.next() - 0.5)
  if (random.next() < 0.5) sentences = sentences.map((s) => (random.next() < 0.3 ? typo(s, random) : s))
  if (random.next() < 0.3)
    sentences.splice(Math.floor(random.next() * sentences.length), 0, random.pick(OWN_SENTENCES))
  if (random.next() < 0.2) sentences = sentences.map((s) => s.toUpperCase())
  let body = sentences.join(random.next() < 0.3 ? '\n\n' : ' ')
  if (random.next() < 0.5) body = `${random.pick(GREETINGS)}\n\n${body}`
  if (random.next() < 0.6) body = `${body}\n\n${random.pick(SIGN_OFFS)}\n${random.pick(NAMES)}`
  else if (random.next() < 0.3) body = `${body}\n${random.pick(NAMES)}`
  return body
}

/** Someone's own comment: on the same subjects, in the same words, saying their own thing. */
export function ownComment(random: Random): string {
  const sentences = Array.from(
    { length: 2 + Math.floor(random.next() * 2) },
    () =>
      `${random.pick(OPENERS)} ${random.pick(SUBJECTS)} ${random.pick(OPINIONS)} ${random.pick(REASONS)}.`,
  )
  if (random.next() < 0.4) sentences.push(random.pick(OWN_SENTENCES))
  return sentences.join(' ')
}

/**
 * A comment unrelated to any other: three to five sentences spliced from real guides (corpus-sentences.ts),
 * for volume where the made-up grammar of `ownComment` writes the same comment by chance again and again.
 */
export function unrelatedComment(random: Random, sentences: readonly string[]): string {
  // Each sentence the first half of one and the second half of another: at 50,000 comments, whole
  // sentences of a thousand would come back together in the same comments by chance.
  const spliced = () => {
    const start = random.pick(sentences).split(' ')
    const end = random.pick(sentences).split(' ')
    return [...start.slice(0, start.length >> 1), ...end.slice(end.length >> 1)].join(' ')
  }
  return Array.from({ length: 3 + Math.floor(random.next() * 3) }, spliced).join(' ')
}

/**
 * A consultation's comments in the order they arrive: `perCampaign` copies of each of the first
 * `campaigns` campaigns (a few people sending theirs twice), `own` comments of people's own, and one
 * person sending the same text five times, which is not a campaign.
 */
export function consultationComments(options: {
  campaigns: number
  perCampaign: number
  own: number
  seed: number
}) {
  const random = seeded(options.seed)
  const comments: GeneratedComment[] = []
  let author = 1
  for (let c = 0; c < options.campaigns; c++)
    for (let i = 0; i < options.perCampaign; i++) {
      const again = i > 0 && random.next() < 0.05
      comments.push({ campaign: c, author: again ? author - 1 : author++, body: campaignCopy(c, random) })
    }
  for (let i = 0; i < options.own; i++)
    comments.push({ campaign: null, author: author++, body: ownComment(random) })
  const loud = author++
  const text = ownComment(random)
  for (let i = 0; i < 5; i++) comments.push({ campaign: null, author: loud, body: text })
  // Arrival order mixes them all.
  const order = comments.map((comment) => ({ comment, at: random.next() }))
  return { comments: order.sort((a, b) => a.at - b.at).map((o) => o.comment), people: author }
}

/**
 * How well campaigns found match the truth: each campaign found stands for the true campaign most of
 * its members came from. Precision: members found that belong where they were put; recall: campaign
 * comments found in the one campaign standing for theirs (a true campaign split in two loses the
 * smaller part).
 */
export function scoreCampaigns(truth: readonly (number | null)[], found: readonly (number | null)[]) {
  const members = new Map<number, number[]>()
  found.forEach((campaign, i) => {
    if (campaign !== null) members.set(campaign, [...(members.get(campaign) ?? []), i])
  })
  const standsFor = new Map<number, number | null>()
  const best = new Map<number, { campaign: number; size: number }>()
  for (const [campaign, list] of members) {
    const counts = new Map<number | null, number>()
    for (const i of list) counts.set(truth[i] ?? null, (counts.get(truth[i] ?? null) ?? 0) + 1)
    const [label, size] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [null, 0]
    standsFor.set(campaign, label)
    if (label !== null && size > (best.get(label)?.size ?? 0)) best.set(label, { campaign, size })
  }
  let placed = 0
  let right = 0
  found.forEach((campaign, i) => {
    if (campaign === null) return
    placed++
    if (standsFor.get(campaign) === (truth[i] ?? null) && truth[i] !== null) right++
  })
  const inCampaigns = truth.filter((t) => t !== null).length
  const recalled = truth.filter((t, i) => t !== null && best.get(t)?.campaign === found[i]).length
  return {
    precision: placed === 0 ? 1 : right / placed,
    recall: inCampaigns === 0 ? 1 : recalled / inCampaigns,
  }
}
