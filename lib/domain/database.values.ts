/* The zod-free half of lib/domain/database (the browser needs it before zod has loaded). */

/** RDS states during which the instance is changing on its own (poll fast). */
export const transitionalDbStatuses = [
  'stopping',
  'starting',
  'rebooting',
  'modifying',
  'backing-up',
  'configuring-enhanced-monitoring',
  'creating',
  'upgrading',
  'maintenance',
] as const

/** True while RDS is moving the instance between states. */
export const isDbTransitioning = (status: string): boolean => (transitionalDbStatuses as readonly string[]).includes(status)

/**
 * The two power changes the portal makes: the one state each may start from (RDS refuses any other
 * with InvalidDBInstanceState), the state it passes through and the one it ends in. Every guard, wait
 * and button reads them from here.
 */
export const databasePower = {
  stop: { from: 'available', via: 'stopping', to: 'stopped' },
  start: { from: 'stopped', via: 'starting', to: 'available' },
} as const
export type DatabasePower = keyof typeof databasePower

/** True when RDS accepts the power change from `status`. */
export const canPowerDatabase = (status: string, power: DatabasePower): boolean => status === databasePower[power].from

/** True while the instance is stopped or on its way there (not serving; its instance-hours not billed once stopped). */
export const isDbStoppedOrStopping = (status: string): boolean => status === databasePower.stop.to || status === databasePower.stop.via
