/**
 * The zone every page shows times in. One process serves one instance, so createApp sets it once from
 * the configuration; a module value spares threading it through every component that shows a time.
 */
let zone = 'Europe/London'

export const showTimesIn = (timeZone: string) => {
  zone = timeZone
}

export const shownTimeZone = () => zone
