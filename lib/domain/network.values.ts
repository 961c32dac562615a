import type { IpRule } from '@/lib/domain/network'

/* The zod-free half of lib/domain/network: rules the check and the database page both apply. */

/** PostgreSQL's port, when the instance does not say. */
export const DEFAULT_PG_PORT = 5432

/** True when an inbound rule lets TCP `port` in (protocol tcp/6 with the port in range, or all traffic). */
export function ruleCoversPort(rule: IpRule, port: number): boolean {
  if (rule.protocol === '-1' || rule.protocol === 'all') return true
  if (rule.protocol !== 'tcp' && rule.protocol !== '6') return false
  return (rule.fromPort ?? 0) <= port && port <= (rule.toPort ?? 65535)
}

/** "tcp 5432", "tcp 0-65535", "all traffic". */
export const describePorts = (r: Pick<IpRule, 'protocol' | 'fromPort' | 'toPort'>): string =>
  r.protocol === '-1' || r.protocol === 'all'
    ? 'all traffic'
    : `${r.protocol} ${r.fromPort === r.toPort ? (r.fromPort ?? '*') : `${r.fromPort ?? '*'}-${r.toPort ?? '*'}`}`
