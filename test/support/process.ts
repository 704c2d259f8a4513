import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const GLOSS = fileURLToPath(new URL('../../bin/gloss.js', import.meta.url))

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the real `gloss` command and waits for it to finish. */
export function runGloss(args: string[], env: Record<string, string | undefined> = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [GLOSS, ...args], { cwd: ROOT, env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

export interface ServerProcess {
  url: string
  child: ChildProcess
  output: () => string
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/**
 * Starts `gloss serve` as its own OS process on a free port and waits until it says where it is (with
 * `--workers N`, once every worker listens).
 */
export function startGlossServer(
  env: Record<string, string | undefined>,
  args: string[] = [],
  /**
   * Given, what the server writes once it has started goes here and is not kept: a benchmark reads
   * its log as a collector would, instead of holding hundreds of megabytes of it.
   */
  collect?: (chunk: string) => void,
): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    // SERVER_NODE_FLAGS passes flags to the server's node, e.g. `--cpu-prof` to profile a benchmark.
    const flags = process.env.SERVER_NODE_FLAGS?.split(' ').filter(Boolean) ?? []
    const child = spawn(process.execPath, [...flags, GLOSS, 'serve', ...args], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    })
    let output = ''
    let started = false
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
    const timer = setTimeout(() => reject(new Error(`gloss serve did not start:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      if (started && collect) {
        collect(chunk.toString())
        return
      }
      output += chunk.toString()
      const match = started ? null : /serving (http:\/\/\S+) /.exec(output)
      if (match?.[1]) {
        started = true
        clearTimeout(timer)
        resolve({
          url: match[1],
          child,
          output: () => output,
          stop: (signal = 'SIGTERM') => {
            if (child.exitCode === null) child.kill(signal)
            return exited
          },
        })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    void exited.then((code) => {
      clearTimeout(timer)
      if (!started) reject(new Error(`gloss serve exited with ${String(code)}:\n${output}`))
    })
  })
}
