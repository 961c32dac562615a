/**
 * App Runner CreateService for an image in ECR: checks what App Runner checks before it accepts the call
 * (the name, the access and instance roles and their trust, CPU and memory, the VPC connector, the auto
 * scaling configuration, the secret references), then creates the service in OPERATION_IN_PROGRESS with
 * its log groups and a CREATE_SERVICE operation that pulls and health-checks the image like any
 * deployment: RUNNING when healthy, CREATE_FAILED when not. The emulated account holds one service.
 */
import { randomBytes } from 'node:crypto'

import { num, obj, str, stringMap } from '../core/input'
import { AwsError, type Handler } from '../core/types'
import { ACCOUNT_ID, REGION } from '../world/constants'
import { beginOperation } from '../world/deployments'
import { DEFAULT_APPLICATION_EVENTS } from '../world/log-traffic'
import { createServiceLogGroups } from '../world/logs-seed'
import type { ServiceState, World } from '../world/shapes'
import { invalidRequest, serviceOut } from './apprunner-out'
import { findAutoScaling } from './apprunner-resources'

const DAY = 86_400_000

/** `1 vCPU` → `1024`, `2 GB` → `2048`: App Runner reports both in its own units. */
const CPU_UNITS: Record<string, string> = { '0.25 vCPU': '256', '0.5 vCPU': '512', '1 vCPU': '1024', '2 vCPU': '2048', '4 vCPU': '4096' }
const memoryUnits = (m: string) => (m.endsWith(' GB') ? String(Number(m.slice(0, -3)) * 1024) : m)

/** The memory sizes App Runner offers with each CPU size. */
const COMBINATIONS: Record<string, string[]> = {
  '256': ['512', '1024'],
  '512': ['1024'],
  '1024': ['2048', '3072', '4096'],
  '2048': ['4096', '6144'],
  '4096': ['8192', '10240', '12288'],
}

function trusts(world: World, roleArn: string, principal: string): boolean {
  const role = Object.values(world.iam.roles).find((r) => r.arn === roleArn)
  return (
    role?.trustPolicy.Statement.some((st) => {
      const p = st.Principal
      const services = typeof p === 'object' && p !== null ? (p as Record<string, unknown>).Service : undefined
      return st.Effect === 'Allow' && (services === principal || (Array.isArray(services) && services.includes(principal)))
    }) ?? false
  )
}

const SECRET_REF = /^arn:aws:(secretsmanager:[a-z0-9-]+:\d{12}:secret:.+|ssm:[a-z0-9-]+:\d{12}:parameter\/.+)$/

type Checked = Pick<ServiceState, 'cpu' | 'memory' | 'autoScalingArn' | 'egress' | 'instanceRoleArn' | 'accessRoleArn'>

/** Everything App Runner refuses a CreateService for before it creates anything. */
function check(world: World, input: Record<string, unknown>): Checked {
  const name = str(input.ServiceName) ?? ''
  const existing = world.service
  if (existing && existing.status !== 'DELETED') {
    if (existing.name === name) throw invalidRequest(`Service with the provided name already exists: ${name}`)
    throw invalidRequest(`The emulated account holds one App Runner service, and ${existing.name} exists.`)
  }
  const source = obj(input.SourceConfiguration) ?? {}
  const image = obj(source.ImageRepository)
  if (!image) throw invalidRequest('The emulated App Runner serves image-based services: give SourceConfiguration.ImageRepository.')
  const accessRoleArn = str(obj(source.AuthenticationConfiguration)?.AccessRoleArn)
  if (str(image.ImageRepositoryType) === 'ECR') {
    if (!accessRoleArn)
      throw invalidRequest('Authentication configuration is invalid: an image in a private ECR repository needs an AccessRoleArn.')
    if (!trusts(world, accessRoleArn, 'build.apprunner.amazonaws.com'))
      throw invalidRequest(`Error in assuming access role ${accessRoleArn}`)
  }
  const instance = obj(input.InstanceConfiguration) ?? {}
  const instanceRoleArn = str(instance.InstanceRoleArn)
  if (instanceRoleArn && !trusts(world, instanceRoleArn, 'tasks.apprunner.amazonaws.com'))
    throw invalidRequest(`Error in assuming instance role ${instanceRoleArn}`)
  const cpu = CPU_UNITS[str(instance.Cpu) ?? '1 vCPU'] ?? str(instance.Cpu) ?? '1024'
  const memory = memoryUnits(str(instance.Memory) ?? '2 GB')
  if (!COMBINATIONS[cpu]?.includes(memory))
    throw invalidRequest(`${str(instance.Memory) ?? memory} of memory is not available with ${str(instance.Cpu) ?? cpu} CPU.`)
  for (const [key, ref] of Object.entries(stringMap(obj(image.ImageConfiguration)?.RuntimeEnvironmentSecrets) ?? {})) {
    if (!SECRET_REF.test(ref))
      throw invalidRequest(
        `The value of runtime environment secret ${key} must be the ARN of a Secrets Manager secret or an SSM parameter.`,
      )
  }
  const autoScalingArn = str(input.AutoScalingConfigurationArn)
  const autoScaling = autoScalingArn ? findAutoScaling(world, autoScalingArn) : world.autoScalingConfigs.find((a) => a.isDefault)
  if (!autoScaling) throw invalidRequest(`Auto scaling configuration ${autoScalingArn ?? 'DefaultConfiguration'} not found.`)
  const egress = obj(obj(input.NetworkConfiguration)?.EgressConfiguration)
  const vpcConnectorArn = str(egress?.VpcConnectorArn)
  if (str(egress?.EgressType) === 'VPC') {
    if (!vpcConnectorArn) throw invalidRequest('VpcConnectorArn is required when EgressType is VPC.')
    if (!world.vpcConnectors.some((v) => v.arn === vpcConnectorArn && v.status === 'ACTIVE'))
      throw invalidRequest(`VPC connector ${vpcConnectorArn} not found or not active.`)
  }
  return {
    cpu,
    memory,
    autoScalingArn: autoScaling.arn,
    egress: str(egress?.EgressType) === 'VPC' ? { type: 'VPC', vpcConnectorArn } : { type: 'DEFAULT' },
    instanceRoleArn,
    accessRoleArn,
  }
}

export const createService: Handler = (input, ctx) => {
  if (!ctx.world) throw new AwsError('InvalidRequestException', 'The emulator has no App Runner account in this region.')
  const world = ctx.world
  const checked = check(world, input)
  const image = obj(obj(input.SourceConfiguration)?.ImageRepository) ?? {}
  const conf = obj(image.ImageConfiguration) ?? {}
  const hc = obj(input.HealthCheckConfiguration) ?? {}
  const name = str(input.ServiceName) ?? ''
  const id = randomBytes(16).toString('hex')
  const protocol = str(hc.Protocol) === 'HTTP' ? 'HTTP' : 'TCP'
  const service: ServiceState = {
    ...checked,
    name,
    id,
    arn: `arn:aws:apprunner:${REGION}:${ACCOUNT_ID}:service/${name}/${id}`,
    status: 'OPERATION_IN_PROGRESS',
    url: `${world.appBase}${id}`,
    imageIdentifier: str(image.ImageIdentifier) ?? '',
    port: str(conf.Port) ?? '8080',
    env: Object.entries(stringMap(conf.RuntimeEnvironmentVariables) ?? {}).map(([n, value]) => ({ name: n, value })),
    secrets: Object.entries(stringMap(conf.RuntimeEnvironmentSecrets) ?? {}).map(([n, value]) => ({ name: n, value })),
    // App Runner's defaults: TCP on the port, every 5 s, 2 s timeout, healthy after 1, unhealthy after 5.
    healthCheck: {
      protocol,
      path: str(hc.Path) ?? '/',
      interval: num(hc.Interval) ?? 5,
      timeout: num(hc.Timeout) ?? 2,
      healthyThreshold: num(hc.HealthyThreshold) ?? 1,
      unhealthyThreshold: num(hc.UnhealthyThreshold) ?? 5,
    },
    createdAt: ctx.now,
    updatedAt: ctx.now,
    operations: [],
  }
  world.service = service
  createServiceLogGroups(world.logs, service)
  world.logs.live ??= { seededTo: ctx.now, ratePerMs: DEFAULT_APPLICATION_EVENTS / DAY, carry: 0 }
  const op = beginOperation(world, ctx.now, 'CREATE_SERVICE', { targetImage: service.imageIdentifier })
  return { Service: serviceOut(world, service), OperationId: op.id }
}
