type RequestLike = {
  url?: string
  headers?: Record<string, string | string[] | undefined>
  socket?: { remoteAddress?: string }
}
type ResponseLike = {
  headersSent: boolean
  destroyed: boolean
  writableEnded: boolean
  once(event: 'finish' | 'close', listener: () => void): unknown
  writeHead(status: number, headers: Record<string, string | number>): unknown
  end(body?: string): unknown
}

export function bypassesQueue(url?: string): boolean

export type Admit = ((req: RequestLike, res: ResponseLike, run: () => unknown) => void) & {
  stats(): { active: number; queued: number; limit: number }
  /** Answers everyone still waiting and refuses new requests (shutdown). */
  close(): void
}

type Timer = { unref?: () => unknown } | number | undefined

export function createAdmission(options: {
  limit: number
  leaseMs?: number
  maxQueue?: number
  /** Requests one client address may have waiting at once (default: no cap). */
  maxQueuedPerClient?: number
  maxWaitMs?: number
  setTimer?: (fn: () => void, ms: number) => Timer
  clearTimer?: (timer: Timer) => void
  now?: () => number
  /** How long each admitted request waited, in ms (0 when it went straight in). */
  onWait?: (ms: number) => void
  /** Each request turned away. */
  onReject?: (reason: 'full' | 'timeout' | 'shutdown') => void
}): Admit

export type PortalAdmit = ((req: RequestLike, res: ResponseLike, run: () => unknown) => void) & {
  stats(): { active: number; queued: number; limit: number; anonymous: { active: number; queued: number; limit: number } }
  close(): void
}

export function createPortalAdmission(options: {
  limit: number
  /** True for a request with valid credentials (it then waits in the main lane). */
  isTrusted: (req: RequestLike) => boolean
  anonymous?: { limit: number; maxQueue?: number; maxQueuedPerClient?: number; maxWaitMs?: number }
  leaseMs?: number
  setTimer?: (fn: () => void, ms: number) => Timer
  clearTimer?: (timer: Timer) => void
}): PortalAdmit
