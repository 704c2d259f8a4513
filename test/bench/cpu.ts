import { readFile, readdir } from 'node:fs/promises'

/** Linux's USER_HZ, the unit of /proc's CPU times: 100 on every architecture Node runs on. */
const TICKS_PER_SECOND = 100

/** CPU time, in milliseconds: in user space and in the kernel. */
export interface CpuTimes {
  user: number
  system: number
}

/** A process's pid and its children's, as /proc lists them (a cluster primary's workers). */
async function family(pid: number): Promise<number[]> {
  const children: number[] = []
  for (const task of await readdir(`/proc/${pid}/task`).catch(() => [] as string[])) {
    const listed = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '')
    children.push(...listed.split(' ').filter(Boolean).map(Number))
  }
  return [pid, ...(await Promise.all(children.map(family))).flat()]
}

/** One process's own CPU time (a process gone reads nothing). */
async function ownTimes(pid: number): Promise<CpuTimes> {
  const stat = await readFile(`/proc/${String(pid)}/stat`, 'utf8').catch(() => '')
  // Fields after the command name (which may hold spaces), from the third: utime is 14th, stime 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ms = (ticks: string | undefined) => (Number(ticks ?? 0) / TICKS_PER_SECOND) * 1000
  return { user: ms(fields[11]), system: ms(fields[12]) }
}

const sum = (all: CpuTimes[]): CpuTimes => ({
  user: all.reduce((total, t) => total + t.user, 0),
  system: all.reduce((total, t) => total + t.system, 0),
})

/** CPU time a process and its children still running have used. */
export async function cpuTimes(pid: number): Promise<CpuTimes> {
  return sum(await Promise.all((await family(pid)).map(ownTimes)))
}

/**
 * CPU time every PostgreSQL process on this machine has used: the database server's share of a
 * benchmark, read before and after it while the machine does nothing else. Its connections stay open
 * through the run (a pool), so the backends that did the work are still there to be read.
 */
export async function postgresTimes(): Promise<CpuTimes> {
  const pids: number[] = []
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const comm = await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '')
    if (comm.trim() === 'postgres') pids.push(Number(entry))
  }
  return sum(await Promise.all(pids.map(ownTimes)))
}
