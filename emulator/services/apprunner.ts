/**
 * App Runner (awsJson1_0, PascalCase members, timestamps in epoch seconds): the service and its
 * operations. VPC connectors and auto scaling configurations are in ./apprunner-resources, CreateService
 * in ./apprunner-create.
 */
import { num, obj, str, stringMap } from '../core/input'
import { decodeOffset, page } from '../core/tokens'
import { AwsError, type Handler, type HandlerContext, type Input, type ServiceDefinition } from '../core/types'
import { beginOperation, hasActiveOperation } from '../world/deployments'
import type { ServiceState, World } from '../world/shapes'
import { createService } from './apprunner-create'
import { epochSeconds, invalidRequest, notFound, serviceOut, serviceSummaryOut } from './apprunner-out'
import {
  createAutoScalingConfiguration,
  createVpcConnector,
  describeAutoScalingConfiguration,
  describeVpcConnector,
  listAutoScalingConfigurations,
  listVpcConnectors,
} from './apprunner-resources'

/** A world with a service in it. */
type WithService = World & { service: ServiceState }

/** The world, when the ARN is this account's service; otherwise ResourceNotFoundException (an empty account finds nothing). */
function requireService(input: Input, ctx: HandlerContext): WithService {
  const arn = str(input.ServiceArn) ?? ''
  const service = ctx.world?.service
  if (!ctx.world || !service || arn !== service.arn || service.status === 'DELETED') throw notFound(arn)
  return ctx.world as WithService
}

function assertNoOperation(world: WithService, action: string): void {
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
  return { ServiceSummaryList: !s || s.status === 'DELETED' ? [] : [serviceSummaryOut(s)] }
}

const describeService: Handler = (input, ctx) => {
  const world = requireService(input, ctx)
  return { Service: serviceOut(world, world.service) }
}

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
  return { Service: serviceOut(world, s), OperationId: op.id }
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
  return { Service: serviceOut(world, s), OperationId: op.id }
}

const resumeService: Handler = (input, ctx) => {
  const world = requireService(input, ctx)
  const s = world.service
  assertNoOperation(world, 'resume')
  if (s.status !== 'PAUSED')
    throw new AwsError('InvalidStateException', `Service ${s.arn} is ${s.status}. Only a PAUSED service can be resumed.`)
  const op = beginOperation(world, ctx.now, 'RESUME_SERVICE', { targetImage: s.imageIdentifier, previousImage: s.imageIdentifier })
  return { Service: serviceOut(world, s), OperationId: op.id }
}

const serviceResource = (input: Input) => [{ type: 'AWS::AppRunner::Service', name: str(input.ServiceArn) ?? '' }]
const namedResource = (type: string, member: string) => (input: Input) => [{ type, name: str(input[member]) ?? '' }]

export const apprunnerService: ServiceDefinition = {
  name: 'apprunner',
  validation: { form: 'coral', code: 'InvalidRequestException' },
  mutating: {
    CreateService: namedResource('AWS::AppRunner::Service', 'ServiceName'),
    UpdateService: serviceResource,
    StartDeployment: serviceResource,
    PauseService: serviceResource,
    ResumeService: serviceResource,
    CreateVpcConnector: namedResource('AWS::AppRunner::VpcConnector', 'VpcConnectorName'),
    CreateAutoScalingConfiguration: namedResource('AWS::AppRunner::AutoScalingConfiguration', 'AutoScalingConfigurationName'),
  },
  handlers: {
    CreateService: createService,
    ListServices: listServices,
    DescribeService: describeService,
    ListOperations: listOperations,
    UpdateService: updateService,
    StartDeployment: startDeployment,
    PauseService: pauseService,
    ResumeService: resumeService,
    DescribeVpcConnector: describeVpcConnector,
    DescribeAutoScalingConfiguration: describeAutoScalingConfiguration,
    CreateVpcConnector: createVpcConnector,
    ListVpcConnectors: listVpcConnectors,
    CreateAutoScalingConfiguration: createAutoScalingConfiguration,
    ListAutoScalingConfigurations: listAutoScalingConfigurations,
  },
}
