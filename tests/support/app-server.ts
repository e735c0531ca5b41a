import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { freePort } from './throwaway-postgres'

export const SERVER_BUNDLE = path.resolve('build/app-server/server.js')

export type AppServer = {
  baseURL: string
  port: number
  process: ChildProcess
  /** Everything the server printed (JSON log lines). */
  output: () => string
  /** The parsed JSON log lines. */
  logs: () => Record<string, unknown>[]
  /** SIGTERM, then resolves with the exit code (SIGKILL after `timeoutMs`). */
  stop: (timeoutMs?: number) => Promise<number | null>
}

/**
 * Starts the compiled production server (`npm run build`) on a free port with the given
 * environment, and waits until /healthz answers.
 */
export async function startAppServer(env: Record<string, string>, { readyTimeoutMs = 150_000 } = {}): Promise<AppServer> {
  if (!existsSync(SERVER_BUNDLE)) throw new Error(`${SERVER_BUNDLE} is missing: run npm run build first`)
  const port = await freePort()
  const baseURL = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, ['--enable-source-maps', SERVER_BUNDLE], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      SESSION_SECRET: 'two-servers-test-secret-two-servers-test',
      APP_URL: baseURL,
      TRUST_PROXY: '1',
      SMTP_URL: '',
      STRIPE_SECRET_KEY: '',
      STRIPE_WEBHOOK_SECRET: '',
      CHARGILY_SECRET_KEY: '',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const deadline = Date.now() + readyTimeoutMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`)
    const ok = await fetch(`${baseURL}/healthz`).then((r) => r.ok, () => false)
    if (ok) break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`the server did not start:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    baseURL,
    port,
    process: child,
    output: () => output,
    logs: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    async stop(timeoutMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
      const code = await exited
      clearTimeout(timer)
      return code
    },
  }
}
