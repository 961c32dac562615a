/** App Runner (awsJson1_0, PascalCase members, timestamps in epoch seconds). */
import { num, obj, str, stringMap } from '../core/input'
import { decodeOffset, page } from '../core/tokens'
import { AwsError, type Handler, type HandlerContext, type Input, type ServiceDefinition } from '../core/types'
import { APPRUNNER_ACCESS_ROLE_ARN } from '../world/constants'
import { beginOperation, hasActiveOperation } from '../world/deployments'
import type { World } from '../world/shapes'

const epochSeconds = (ms: number) => ms / 1000
const invalidRequest = (message: string) => new AwsError('InvalidRequestException', message)
const notFound = (arn: string) => new AwsError('ResourceNotFoundException', `Resource not found: ${arn}`)

/** The world, when the ARN is this account's service; otherwise ResourceNotFoundException (an empty account finds nothing). */
function requireService(input: Input, ctx: HandlerContext): World {
  const arn = str(input.ServiceArn) ?? ''
  if (!ctx.world || arn !== ctx.world.service.arn || ctx.world.service.status === 'DELETED') throw notFound(arn)
  return ctx.world
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

function assertNoOperation(world: World, action: string): void {
  if (hasActiveOperation(world)) {
    throw new AwsError(
      'InvalidStateException',
      `You can't ${action} service ${world.service.arn} while an operation is in progress. Wait for the current operation to complete.`,
    )
  }
}

const listServices: Handler = (input, { world }) => {
  decodeOffset(input.NextToken, () => invalidRequest('Invalid NextToken'))
  const s = world?.service
  const list =
    !s || s.status === 'DELETED'
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

const describeService: Handler = (input, ctx) => ({ Service: serviceOut(requireService(input, ctx)) })

const listOperations: Handler = (input, ctx) => {
  const s = requireService(input, ctx).service
  const p = page(
    s.operations,
    decodeOffset(input.NextToken, () => invalidRequest('Invalid NextToken')),
    num(input.MaxResults) ?? 20,
  )
  return {
    OperationSummaryList: p.items.map((op) => ({
      Id: op.id,
      Type: op.type,
      Status: op.status,
      TargetArn: s.arn,
      StartedAt: epochSeconds(op.startedAt),
      EndedAt: op.endedAt !== undefined ? epochSeconds(op.endedAt) : undefined,
      UpdatedAt: epochSeconds(op.updatedAt),
    })),
    NextToken: p.next,
  }
}

const updateService: Handler = (input, ctx) => {
  const world = requireService(input, ctx)
  const s = world.service
  if (s.status === 'PAUSED') throw new AwsError('InvalidStateException', `Service ${s.arn} is paused. Resume it before you update it.`)
  assertNoOperation(world, 'update')
  const source = obj(input.SourceConfiguration)
  if (source && obj(source.CodeRepository))
    throw invalidRequest("You can't change the source of an image-based service to a code repository.")
  const repo = obj(source?.ImageRepository)
  const previousImage = s.imageIdentifier
  const targetImage = str(repo?.ImageIdentifier) ?? s.imageIdentifier
  const conf = obj(repo?.ImageConfiguration)
  if (conf) {
    s.port = str(conf.Port) ?? s.port
    const vars = stringMap(conf.RuntimeEnvironmentVariables)
    if (vars) s.env = Object.entries(vars).map(([name, value]) => ({ name, value }))
    const secrets = stringMap(conf.RuntimeEnvironmentSecrets)
    if (secrets) s.secrets = Object.entries(secrets).map(([name, value]) => ({ name, value }))
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
  // App Runner shows the new configuration at once; a failed health check puts the previous image back.
  s.imageIdentifier = targetImage
  const op = beginOperation(world, ctx.now, 'UPDATE_SERVICE', { targetImage, previousImage })
  return { Service: serviceOut(world), OperationId: op.id }
}

const startDeployment: Handler = (input, ctx) => {
  const world = requireService(input, ctx)
  const s = world.service
  if (s.status === 'PAUSED')
    throw new AwsError('InvalidStateException', `Service ${s.arn} is paused. Resume it before you start a deployment.`)
  assertNoOperation(world, 'start a deployment of')
  const op = beginOperation(world, ctx.now, 'START_DEPLOYMENT', { targetImage: s.imageIdentifier, previousImage: s.imageIdentifier })
  return { OperationId: op.id }
}

const pauseService: Handler = (input, ctx) => {
  const world = requireService(input, ctx)
  const s = world.service
  assertNoOperation(world, 'pause')
  if (s.status !== 'RUNNING')
    throw new AwsError('InvalidStateException', `Service ${s.arn} is ${s.status}. Only a RUNNING service can be paused.`)
  const op = beginOperation(world, ctx.now, 'PAUSE_SERVICE', { targetImage: s.imageIdentifier, previousImage: s.imageIdentifier })
  return { Service: serviceOut(world), OperationId: op.id }
}

const resumeService: Handler = (input, ctx) => {
  const world = requireService(input, ctx)
  const s = world.service
  assertNoOperation(world, 'resume')
  if (s.status !== 'PAUSED')
    throw new AwsError('InvalidStateException', `Service ${s.arn} is ${s.status}. Only a PAUSED service can be resumed.`)
  const op = beginOperation(world, ctx.now, 'RESUME_SERVICE', { targetImage: s.imageIdentifier, previousImage: s.imageIdentifier })
  return { Service: serviceOut(world), OperationId: op.id }
}

const describeVpcConnector: Handler = (input, { world }) => {
  const arn = str(input.VpcConnectorArn) ?? ''
  const v = world?.vpcConnector
  if (!v || arn !== v.arn) throw notFound(arn)
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

const describeAutoScalingConfiguration: Handler = (input, { world }) => {
  const arn = str(input.AutoScalingConfigurationArn) ?? ''
  const a = world?.autoScaling
  if (!a) throw notFound(arn)
  const prefix = a.arn.slice(0, a.arn.indexOf(`/${a.name}/`) + a.name.length + 1)
  const matches = arn === a.arn || arn === prefix || arn === `${prefix}/${a.revision}`
  if (!matches) throw notFound(arn)
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

const serviceResource = (input: Input) => [{ type: 'AWS::AppRunner::Service', name: str(input.ServiceArn) ?? '' }]

export const apprunnerService: ServiceDefinition = {
  name: 'apprunner',
  validation: { form: 'coral', code: 'InvalidRequestException' },
  mutating: {
    UpdateService: serviceResource,
    StartDeployment: serviceResource,
    PauseService: serviceResource,
    ResumeService: serviceResource,
  },
  // CloudTrail's seeded history holds the CreateService call that made the service.
  alsoModelled: ['CreateService'],
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
