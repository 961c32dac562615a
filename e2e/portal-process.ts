import { type ChildProcess, spawn } from 'node:child_process'

/** A portal server process the spec started itself (besides the suite's own portal). */
export type PortalProcess = {
  url: string
  child: ChildProcess
  /** Everything it wrote to stdout and stderr so far. */
  output(): string
  /** SIGTERM, then waits for the exit (SIGKILL after 15 s); resolves with the exit code or signal. */
  stop(): Promise<number | string | null>
  /** SIGKILL: a crash, as far as everyone else can tell. */
  kill(): Promise<void>
}

/** Starts `node portal-server.mjs` in `cwd` with exactly `env` (nothing inherited) and waits until /api/health answers. */
export async function startPortalProcess(cwd: string, port: number, env: Record<string, string>): Promise<PortalProcess> {
  const child: ChildProcess = spawn(process.execPath, ['portal-server.mjs'], {
    cwd,
    env: { NODE_ENV: 'production', ...env, PORT: String(port), HOSTNAME: '127.0.0.1', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')))
  child.stderr?.on('data', (c: Buffer) => (out += c.toString('utf8')))
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code: number | null, signal: NodeJS.Signals | null) => resolve(code ?? signal)),
  )
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the portal at ${url} exited at start:\n${out.slice(-3000)}`)
    const up = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    )
    if (up) break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`the portal at ${url} did not answer /api/health within 60 s:\n${out.slice(-3000)}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    url,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      const result = await exited
      clearTimeout(timer)
      return result
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}
