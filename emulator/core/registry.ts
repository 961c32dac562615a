/** Every emulated service, by SigV4 signing name. */
import { apprunnerService } from '../services/apprunner'
import { ec2Service } from '../services/ec2'
import { ecrService } from '../services/ecr'
import { iamService } from '../services/iam'
import { logsService } from '../services/logs'
import { monitoringService } from '../services/monitoring'
import { rdsService } from '../services/rds'
import { stsService } from '../services/sts'
import type { ServiceDefinition, ServiceName } from './types'

export const SERVICES: Record<ServiceName, ServiceDefinition> = {
  ecr: ecrService,
  apprunner: apprunnerService,
  rds: rdsService,
  monitoring: monitoringService,
  logs: logsService,
  iam: iamService,
  ec2: ec2Service,
  sts: stsService,
}

export const SERVICE_NAMES = Object.keys(SERVICES) as ServiceName[]

export function isServiceName(s: unknown): s is ServiceName {
  return typeof s === 'string' && Object.prototype.hasOwnProperty.call(SERVICES, s)
}

/** The service a request is for: SigV4 scope, then X-Amz-Target prefix, then the query Version, then the user agent. */
export function detectService(
  headers: { authorization?: string; target?: string; userAgent?: string },
  form: URLSearchParams | undefined,
): ServiceName | undefined {
  const scope = headers.authorization?.match(/Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\/aws4_request/)?.[1]
  if (isServiceName(scope)) return scope
  if (headers.target) {
    const prefix = headers.target.split('.')[0]
    for (const def of Object.values(SERVICES)) if ('targetPrefix' in def && def.targetPrefix === prefix) return def.name
  }
  const version = form?.get('Version')
  if (version) {
    for (const def of Object.values(SERVICES)) if ('version' in def && def.version === version) return def.name
  }
  const ua = headers.userAgent?.match(/api\/([a-z0-9-]+)#/)?.[1]
  const byUa: Record<string, ServiceName> = {
    ecr: 'ecr',
    apprunner: 'apprunner',
    rds: 'rds',
    cloudwatch: 'monitoring',
    'cloudwatch-logs': 'logs',
    iam: 'iam',
    ec2: 'ec2',
    sts: 'sts',
  }
  return ua ? byUa[ua] : undefined
}

/** The region from the SigV4 credential scope. */
export function detectRegion(authorization: string | undefined): string | undefined {
  return authorization?.match(/Credential=[^/]+\/[^/]+\/([^/]+)\/[^/]+\/aws4_request/)?.[1]
}
