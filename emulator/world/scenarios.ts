/**
 * Scenarios: each breaks exactly one thing in the healthy world (the README lists them with the checks they fail).
 * Applied by createWorld after the healthy world is built and before the logs are seeded.
 */
import {
  CONNECTOR_SG_ID,
  DB_PORT,
  ECR_POWER_USER_ARN,
  GITHUB_ROLE,
  SCHEDULER_POLICY_NAME,
  SCHEDULER_ROLE,
  type Scenario,
} from './constants'
import { githubTrustPolicy } from './iam'
import type { WorldState } from './shapes'

const DAY = 86_400_000

/** Repository named by the broken trust policy of `trust-policy-wrong-repo`. */
export const WRONG_TRUST_REPO = 'hanpieter1/AppFactory-old'

export function applyScenario(world: WorldState, scenario: Scenario, now: number): void {
  switch (scenario) {
    case 'healthy':
      return
    case 'role-missing-ecr-policy': {
      const role = world.iam.roles[GITHUB_ROLE]
      if (role) role.attachedPolicyArns = role.attachedPolicyArns.filter((a) => a !== ECR_POWER_USER_ARN)
      return
    }
    case 'sg-blocks-db': {
      for (const id of world.db.securityGroupIds) {
        const sg = world.securityGroups[id]
        if (!sg) continue
        // Drop the connector group from every rule that would let it reach 5432; drop rules left empty.
        sg.ingress = sg.ingress
          .map((r) => {
            const covers = r.protocol === '-1' || ((r.fromPort ?? 0) <= DB_PORT && DB_PORT <= (r.toPort ?? 65535))
            return covers ? { ...r, sourceGroupIds: r.sourceGroupIds.filter((g) => g !== CONNECTOR_SG_ID) } : r
          })
          .filter((r) => r.sourceGroupIds.length > 0 || r.cidrs.length > 0)
      }
      return
    }
    case 'database-url-missing':
      world.service.env = world.service.env.filter((e) => e.name !== 'DATABASE_URL')
      return
    case 'trust-policy-wrong-repo': {
      const role = world.iam.roles[GITHUB_ROLE]
      if (role) role.trustPolicy = githubTrustPolicy(WRONG_TRUST_REPO)
      return
    }
    case 'db-stopped': {
      const stoppedAt = now - 2 * DAY
      world.db.status = 'stopped'
      world.db.stoppedAt = stoppedAt
      world.db.transitionEndsAt = undefined
      // Nothing happened to a stopped instance since it stopped (no backups).
      world.db.events = world.db.events.filter((e) => e.date < stoppedAt - 5 * 60_000)
      world.db.events.push(
        { date: stoppedAt - 4 * 60_000, message: 'DB instance shutdown', categories: ['notification'], eventId: 'RDS-EVENT-0087' },
        { date: stoppedAt, message: 'DB instance stopped', categories: ['notification'], eventId: 'RDS-EVENT-0087' },
      )
      return
    }
    case 'scheduler-role-missing-rds': {
      // The scheduler's role may pause and resume App Runner but was never allowed to stop or start the database.
      const policy = world.iam.roles[SCHEDULER_ROLE]?.inlinePolicies[SCHEDULER_POLICY_NAME]
      if (policy) policy.Statement = policy.Statement.filter((s) => s.Sid !== 'StopStartDatabase')
      return
    }
    default: {
      const never: never = scenario
      throw new Error(`unknown scenario ${String(never)}`)
    }
  }
}
