/** App Runner (awsJson1_0, PascalCase, timestamps in epoch seconds). AWS-API-NOTES.md §6.2 and §8. */
import { AwsError, type JsonHandler, type JsonInput, type ServiceDefinition } from '../core/types'
import { epochSeconds } from '../core/xml'
import { APPRUNNER_ACCESS_ROLE_ARN } from '../world/constants'
import { beginOperation, deployFailure, hasActiveOperation } from '../world/transitions'
import type { World } from '../world/world'

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)
const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined

const invalidRequest = (message: string) => new AwsError('InvalidRequestException', message)

function requireService(world: World, input: JsonInput) {
  const arn = str(input.ServiceArn)
  if (!arn)
    throw invalidRequest("1 validation error detected: Value null at 'serviceArn' failed to satisfy constraint: Member must not be null")
  if (arn !== world.service.arn || world.service.status === 'DELETED') {
    throw new AwsError('ResourceNotFoundException', `Resource not found: ${arn}`)
  }
  return world.service
}

function serviceOut(world: World) {
  const s = world.service
  const a = world.autoScaling
  return {
    ServiceName: s.name,
    ServiceId: s.id,
    ServiceArn: s.arn,
    ServiceUrl: s.url,
    CreatedAt: epochSeconds(s.createdAt),
    UpdatedAt: epochSeconds(s.updatedAt),
    Status: s.status,
    SourceConfiguration: {
      ImageRepository: {
        ImageIdentifier: s.imageIdentifier,
        ImageRepositoryType: 'ECR',
        ImageConfiguration: {
          Port: s.port,
          RuntimeEnvironmentVariables: Object.fromEntries(s.env.map((e) => [e.name, e.value])),
          RuntimeEnvironmentSecrets: s.secrets.length > 0 ? Object.fromEntries(s.secrets.map((e) => [e.name, e.value])) : undefined,
        },
      },
      AutoDeploymentsEnabled: false,
      AuthenticationConfiguration: { AccessRoleArn: APPRUNNER_ACCESS_ROLE_ARN },
    },
    InstanceConfiguration: { Cpu: s.cpu, Memory: s.memory },
    HealthCheckConfiguration: {
      Protocol: s.healthCheck.protocol,
      Path: s.healthCheck.path,
      Interval: s.healthCheck.interval,
      Timeout: s.healthCheck.timeout,
      HealthyThreshold: s.healthCheck.healthyThreshold,
      UnhealthyThreshold: s.healthCheck.unhealthyThreshold,
    },
    AutoScalingConfigurationSummary: {
      AutoScalingConfigurationArn: a.arn,
      AutoScalingConfigurationName: a.name,
      AutoScalingConfigurationRevision: a.revision,
      Status: a.status,
      CreatedAt: epochSeconds(a.createdAt),
      HasAssociatedService: true,
      IsDefault: false,
    },
    NetworkConfiguration: {
      EgressConfiguration: { EgressType: s.egress.type, VpcConnectorArn: s.egress.type === 'VPC' ? s.egress.vpcConnectorArn : undefined },
      IngressConfiguration: { IsPubliclyAccessible: true },
      IpAddressType: 'IPV4',
    },
    ObservabilityConfiguration: { ObservabilityEnabled: false },
  }
}

function pageArgs(input: JsonInput, max: number): { size: number; offset: number } {
  const m = input.MaxResults
  const size = m === undefined || m === null ? max : num(m)
  if (size === undefined || !Number.isInteger(size) || size < 1 || size > max) {
    throw invalidRequest(
      `1 validation error detected: Value '${String(m)}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${max}`,
    )
  }
  const t = input.NextToken
  if (t === undefined || t === null) return { size, offset: 0 }
  const offset = typeof t === 'string' && /^\d+$/.test(t) ? Number(t) : NaN
  if (!Number.isInteger(offset)) throw invalidRequest('Invalid NextToken')
  return { size, offset }
}

function assertNoOperation(world: World, action: string): void {
  if (hasActiveOperation(world)) {
    throw new AwsError(
      'InvalidStateException',
      `You can't ${action} service ${world.service.arn} while an operation is in progress. Wait for the current operation to complete.`,
    )
  }
}

const listServices: JsonHandler = (input, { world }) => {
  pageArgs(input, 20)
  const s = world.service
  const list =
    s.status === 'DELETED'
      ? []
      : [
          {
            ServiceName: s.name,
            ServiceId: s.id,
            ServiceArn: s.arn,
            ServiceUrl: s.url,
            CreatedAt: epochSeconds(s.createdAt),
            UpdatedAt: epochSeconds(s.updatedAt),
            Status: s.status,
          },
        ]
  return { ServiceSummaryList: list }
}

const describeService: JsonHandler = (input, { world }) => {
  requireService(world, input)
  return { Service: serviceOut(world) }
}

const listOperations: JsonHandler = (input, { world }) => {
  const s = requireService(world, input)
  const { size, offset } = pageArgs(input, 20)
  const page = s.operations.slice(offset, offset + size)
  return {
    OperationSummaryList: page.map((op) => ({
      Id: op.id,
      Type: op.type,
      Status: op.status,
      TargetArn: s.arn,
      StartedAt: epochSeconds(op.startedAt),
      EndedAt: op.endedAt !== undefined ? epochSeconds(op.endedAt) : undefined,
      UpdatedAt: epochSeconds(op.updatedAt),
    })),
    NextToken: offset + size < s.operations.length ? String(offset + size) : undefined,
  }
}

const updateService: JsonHandler = (input, { world, now }) => {
  const s = requireService(world, input)
  if (s.status === 'PAUSED') throw new AwsError('InvalidStateException', `Service ${s.arn} is paused. Resume it before you update it.`)
  assertNoOperation(world, 'update')
  const source = obj(input.SourceConfiguration)
  if (source && obj(source.CodeRepository))
    throw invalidRequest("You can't change the source of an image-based service to a code repository.")
  const repo = obj(source?.ImageRepository)
  const previousImage = s.imageIdentifier
  let targetImage = s.imageIdentifier
  if (repo) {
    const id = str(repo.ImageIdentifier)
    if (!id)
      throw invalidRequest(
        "1 validation error detected: Value null at 'sourceConfiguration.imageRepository.imageIdentifier' failed to satisfy constraint: Member must not be null",
      )
    if (!/^(?:\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\/.+|public\.ecr\.aws\/.+\/.+)$/.test(id)) {
      throw invalidRequest(`Invalid ImageIdentifier: ${id}`)
    }
    targetImage = id
    const conf = obj(repo.ImageConfiguration)
    if (conf) {
      const port = str(conf.Port)
      if (port) s.port = port
      const vars = obj(conf.RuntimeEnvironmentVariables)
      if (vars) s.env = Object.entries(vars).flatMap(([name, value]) => (typeof value === 'string' ? [{ name, value }] : []))
      const secrets = obj(conf.RuntimeEnvironmentSecrets)
      if (secrets) s.secrets = Object.entries(secrets).flatMap(([name, value]) => (typeof value === 'string' ? [{ name, value }] : []))
    }
  }
  const instance = obj(input.InstanceConfiguration)
  if (instance) {
    s.cpu = str(instance.Cpu) ?? s.cpu
    s.memory = str(instance.Memory) ?? s.memory
  }
  const hc = obj(input.HealthCheckConfiguration)
  if (hc) {
    const protocol = str(hc.Protocol)
    s.healthCheck = {
      protocol: protocol === 'TCP' || protocol === 'HTTP' ? protocol : s.healthCheck.protocol,
      path: str(hc.Path) ?? s.healthCheck.path,
      interval: num(hc.Interval) ?? s.healthCheck.interval,
      timeout: num(hc.Timeout) ?? s.healthCheck.timeout,
      healthyThreshold: num(hc.HealthyThreshold) ?? s.healthCheck.healthyThreshold,
      unhealthyThreshold: num(hc.UnhealthyThreshold) ?? s.healthCheck.unhealthyThreshold,
    }
  }
  const failureReason = deployFailure(world, targetImage, now)
  // App Runner shows the new configuration at once; a rollback puts the previous image back.
  s.imageIdentifier = targetImage
  const op = beginOperation(world, now, 'UPDATE_SERVICE', { targetImage, previousImage, failureReason })
  return { Service: serviceOut(world), OperationId: op.id }
}

const startDeployment: JsonHandler = (input, { world, now }) => {
  const s = requireService(world, input)
  if (s.status === 'PAUSED')
    throw new AwsError('InvalidStateException', `Service ${s.arn} is paused. Resume it before you start a deployment.`)
  assertNoOperation(world, 'start a deployment of')
  const op = beginOperation(world, now, 'START_DEPLOYMENT', {
    targetImage: s.imageIdentifier,
    previousImage: s.imageIdentifier,
    failureReason: deployFailure(world, s.imageIdentifier, now),
  })
  return { OperationId: op.id }
}

const pauseService: JsonHandler = (input, { world, now }) => {
  const s = requireService(world, input)
  assertNoOperation(world, 'pause')
  if (s.status !== 'RUNNING')
    throw new AwsError('InvalidStateException', `Service ${s.arn} is ${s.status}. Only a RUNNING service can be paused.`)
  const op = beginOperation(world, now, 'PAUSE_SERVICE', { targetImage: s.imageIdentifier, previousImage: s.imageIdentifier })
  return { Service: serviceOut(world), OperationId: op.id }
}

const resumeService: JsonHandler = (input, { world, now }) => {
  const s = requireService(world, input)
  assertNoOperation(world, 'resume')
  if (s.status !== 'PAUSED')
    throw new AwsError('InvalidStateException', `Service ${s.arn} is ${s.status}. Only a PAUSED service can be resumed.`)
  const op = beginOperation(world, now, 'RESUME_SERVICE', { targetImage: s.imageIdentifier, previousImage: s.imageIdentifier })
  return { Service: serviceOut(world), OperationId: op.id }
}

const describeVpcConnector: JsonHandler = (input, { world }) => {
  const arn = str(input.VpcConnectorArn)
  const v = world.vpcConnector
  if (!arn)
    throw invalidRequest(
      "1 validation error detected: Value null at 'vpcConnectorArn' failed to satisfy constraint: Member must not be null",
    )
  if (arn !== v.arn) throw new AwsError('ResourceNotFoundException', `Resource not found: ${arn}`)
  return {
    VpcConnector: {
      VpcConnectorName: v.name,
      VpcConnectorArn: v.arn,
      VpcConnectorRevision: v.revision,
      Subnets: v.subnets,
      SecurityGroups: v.securityGroups,
      Status: v.status,
      CreatedAt: epochSeconds(v.createdAt),
    },
  }
}

const describeAutoScalingConfiguration: JsonHandler = (input, { world }) => {
  const arn = str(input.AutoScalingConfigurationArn)
  const a = world.autoScaling
  if (!arn)
    throw invalidRequest(
      "1 validation error detected: Value null at 'autoScalingConfigurationArn' failed to satisfy constraint: Member must not be null",
    )
  const prefix = a.arn.slice(0, a.arn.indexOf(`/${a.name}/`) + a.name.length + 1)
  const matches = arn === a.arn || arn === prefix || arn === `${prefix}/${a.revision}`
  if (!matches) throw new AwsError('ResourceNotFoundException', `Resource not found: ${arn}`)
  return {
    AutoScalingConfiguration: {
      AutoScalingConfigurationArn: a.arn,
      AutoScalingConfigurationName: a.name,
      AutoScalingConfigurationRevision: a.revision,
      Latest: true,
      Status: a.status,
      MaxConcurrency: a.maxConcurrency,
      MinSize: a.minSize,
      MaxSize: a.maxSize,
      CreatedAt: epochSeconds(a.createdAt),
      HasAssociatedService: true,
      IsDefault: false,
    },
  }
}

export const apprunnerService: ServiceDefinition = {
  name: 'apprunner',
  protocol: 'json1.0',
  targetPrefix: 'AppRunner',
  handlers: {
    ListServices: listServices,
    DescribeService: describeService,
    ListOperations: listOperations,
    UpdateService: updateService,
    StartDeployment: startDeployment,
    PauseService: pauseService,
    ResumeService: resumeService,
    DescribeVpcConnector: describeVpcConnector,
    DescribeAutoScalingConfiguration: describeAutoScalingConfiguration,
  },
}
