type RequestLike = { url?: string }
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
}

export function createAdmission(options: { limit: number; maxQueue?: number; maxWaitMs?: number; now?: () => number }): Admit
