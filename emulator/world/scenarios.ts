/**
 * Scenarios: each breaks exactly one thing in the healthy world (the README lists them with the checks they
 * fail) — except `as-documented`, the account as the AWS setup document's status describes it: half built.
 * Applied by createWorld after the healthy world is built and before the logs are seeded.
 */
import { DURATIONS, scaled } from './clock'
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

const MINUTE = 60_000
const DAY = 1440 * MINUTE

/** How long before the world starts the `as-documented` database was requested. */
export const DB_REQUESTED_AGO = 2 * MINUTE

/**
 * ECR holds the images and GitHub Actions signs in through the OIDC provider with its role; the security
 * groups exist; the RDS instance was requested a moment ago and is still `creating`. No App Runner
 * service, VPC connector or auto scaling configuration of its own (AWS's default one exists), no alarms,
 * no service log groups — nothing that the document's next steps create.
 */
function asDocumented(world: WorldState, now: number): void {
  world.service = null
  world.vpcConnectors = []
  world.autoScalingConfigs = world.autoScalingConfigs.filter((a) => a.isDefault)
  world.alarms = []
  // The scheduler's role is the portal's sleep/wake feature, not part of the setup document; its policy names the seeded service.
  delete world.iam.roles[SCHEDULER_ROLE]
  const db = world.db
  db.status = 'creating'
  db.createdAt = now - DB_REQUESTED_AGO
  db.transitionEndsAt = now + scaled(world, DURATIONS.dbCreate - DB_REQUESTED_AGO)
  db.stoppedAt = undefined
  db.events = []
}

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
      if (world.service) world.service.env = world.service.env.filter((e) => e.name !== 'DATABASE_URL')
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
    case 'as-documented':
      return asDocumented(world, now)
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
