/**
 * Brings the world up to `now`: its own state changes (RDS, App Runner) and EventBridge Scheduler's
 * invocations, applied together in time order, so a scheduled stop at 20:00 and the stop's completion
 * three minutes later happen in that order whatever time the clock jumps to.
 */
import { nextScheduleStep } from '../world/scheduler'
import type { World } from '../world/shapes'
import { advanceWorld } from '../world/transitions'
import { invokeTarget } from './invoke'

export function advance(world: World, now: number): void {
  advanceWorld(world, now, [(w) => nextScheduleStep(w, invokeTarget)])
}
