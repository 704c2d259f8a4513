import { readFile, readdir } from 'node:fs/promises'

/** Linux's USER_HZ, the unit of /proc's CPU times: 100 on every architecture Node runs on. */
const TICKS_PER_SECOND = 100

/** A process's pid and its children's, as /proc lists them (a cluster primary's workers). */
async function family(pid: number): Promise<number[]> {
  const children: number[] = []
  for (const task of await readdir(`/proc/${pid}/task`).catch(() => [] as string[])) {
    const listed = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '')
    children.push(...listed.split(' ').filter(Boolean).map(Number))
  }
  return [pid, ...(await Promise.all(children.map(family))).flat()]
}

/** CPU time (user and system) a process and its children still running have used, in milliseconds. */
export async function cpuMilliseconds(pid: number): Promise<number> {
  let ticks = 0
  for (const member of await family(pid)) {
    const stat = await readFile(`/proc/${member}/stat`, 'utf8').catch(() => '')
    // Fields after the command name (which may hold spaces), from the third: utime is 14th, stime 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0)
  }
  return (ticks / TICKS_PER_SECOND) * 1000
}
