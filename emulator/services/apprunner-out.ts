/** What App Runner answers about its resources (shared by the App Runner handler files), and its errors. */
import { AwsError } from '../core/types'
import type { AutoScalingState, ServiceState, VpcConnectorState, World } from '../world/shapes'

export const epochSeconds = (ms: number) => ms / 1000
export const invalidRequest = (message: string) => new AwsError('InvalidRequestException', message)
export const notFound = (arn: string) => new AwsError('ResourceNotFoundException', `Resource not found: ${arn}`)

export function autoScalingSummary(world: World, a: AutoScalingState) {
  return {
    AutoScalingConfigurationArn: a.arn,
    AutoScalingConfigurationName: a.name,
    AutoScalingConfigurationRevision: a.revision,
    Status: a.status,
    CreatedAt: epochSeconds(a.createdAt),
    HasAssociatedService: world.service?.autoScalingArn === a.arn,
    IsDefault: a.isDefault === true,
  }
}

export function autoScalingOut(world: World, a: AutoScalingState) {
  return {
    ...autoScalingSummary(world, a),
    Latest: !world.autoScalingConfigs.some((o) => o.name === a.name && o.revision > a.revision),
    MaxConcurrency: a.maxConcurrency,
    MinSize: a.minSize,
    MaxSize: a.maxSize,
  }
}

export function vpcConnectorOut(v: VpcConnectorState) {
  return {
    VpcConnectorName: v.name,
    VpcConnectorArn: v.arn,
    VpcConnectorRevision: v.revision,
    Subnets: v.subnets,
    SecurityGroups: v.securityGroups,
    Status: v.status,
    CreatedAt: epochSeconds(v.createdAt),
  }
}

/** ListServices' ServiceSummary: the fields every answer about a service starts with. */
export function serviceSummaryOut(s: ServiceState) {
  return {
    ServiceName: s.name,
    ServiceId: s.id,
    ServiceArn: s.arn,
    ServiceUrl: s.url,
    CreatedAt: epochSeconds(s.createdAt),
    UpdatedAt: epochSeconds(s.updatedAt),
    Status: s.status,
  }
}

export function serviceOut(world: World, s: ServiceState) {
  const a = world.autoScalingConfigs.find((c) => c.arn === s.autoScalingArn)
  return {
    ...serviceSummaryOut(s),
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
      AuthenticationConfiguration: s.accessRoleArn ? { AccessRoleArn: s.accessRoleArn } : undefined,
    },
    InstanceConfiguration: { Cpu: s.cpu, Memory: s.memory, InstanceRoleArn: s.instanceRoleArn },
    HealthCheckConfiguration: {
      Protocol: s.healthCheck.protocol,
      Path: s.healthCheck.path,
      Interval: s.healthCheck.interval,
      Timeout: s.healthCheck.timeout,
      HealthyThreshold: s.healthCheck.healthyThreshold,
      UnhealthyThreshold: s.healthCheck.unhealthyThreshold,
    },
    AutoScalingConfigurationSummary: a ? autoScalingSummary(world, a) : undefined,
    NetworkConfiguration: {
      EgressConfiguration: { EgressType: s.egress.type, VpcConnectorArn: s.egress.type === 'VPC' ? s.egress.vpcConnectorArn : undefined },
      IngressConfiguration: { IsPubliclyAccessible: true },
      IpAddressType: 'IPV4',
    },
    ObservabilityConfiguration: { ObservabilityEnabled: false },
  }
}
