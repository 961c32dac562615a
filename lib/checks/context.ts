import 'server-only'

import { getMetrics, listAlarms } from '@/lib/aws/cloudwatch'
import { getSecurityGroups } from '@/lib/aws/ec2'
import { findImagesBySha, getLifecyclePolicy, getRepository, listImages } from '@/lib/aws/ecr'
import { probeHealth } from '@/lib/aws/health'
import {
  getOidcProvider,
  getPolicyDocument,
  getRole,
  getRolePolicy,
  listAttachedRolePolicies,
  listOidcProviders,
  listRolePolicies,
} from '@/lib/aws/iam'
import { getDatabase } from '@/lib/aws/rds'
import { runtime } from '@/lib/aws/runtime'
import { config } from '@/lib/config'

import type { CheckContext, CheckOptions, Settings, Sources } from './types'

/** The real sources: lib/aws (each read already cached and coalesced across requests). */
export const awsSources: Sources = {
  getService: runtime.getService,
  getVpcConnector: runtime.getVpcConnector,
  getDatabase,
  getRepository,
  getLifecyclePolicy,
  findImagesBySha: (sha) => findImagesBySha(sha),
  listImages: (input) => listImages(input),
  getMetrics,
  listAlarms,
  getRole,
  listAttachedRolePolicies,
  getPolicyDocument,
  listRolePolicies,
  getRolePolicy,
  listOidcProviders,
  getOidcProvider,
  getSecurityGroups,
  probeHealth,
  logGroupName: runtime.logGroupName,
  runtimeMetrics: runtime.metrics,
  metricDimensions: runtime.metricDimensions,
  plannedAlarms: runtime.plannedAlarms,
}

/** The configured names, from lib/config. */
export function settingsFromConfig(): Settings {
  const c = config()
  return {
    accountId: c.accountId,
    region: c.region,
    ecrRepository: c.ecrRepository,
    appRunnerService: c.appRunnerService,
    rdsInstance: c.rdsInstance,
    githubRole: c.githubRole,
    githubRepo: c.githubRepo,
    healthPath: c.healthPath,
    schedulerRoleArn: c.schedulerRoleArn,
    scheduleGroup: c.scheduleGroup,
  }
}

/** Memoises a function per argument list for the lifetime of one run. */
function memo<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  const seen = new Map<string, Promise<R>>()
  return (...args: A) => {
    const key = JSON.stringify(args)
    let p = seen.get(key)
    if (!p) {
      p = fn(...args)
      seen.set(key, p)
    }
    return p
  }
}

/** Builds one run's context: every source memoised, plus the time and the configured names. */
export function createCheckContext(
  sources: Sources = awsSources,
  settings: Settings = settingsFromConfig(),
  now: Date = new Date(),
  options: CheckOptions = { alarmTopicArn: config().alarmTopicArn },
): CheckContext {
  return {
    now,
    settings,
    getService: memo(sources.getService),
    getVpcConnector: memo(sources.getVpcConnector),
    getDatabase: memo(sources.getDatabase),
    getRepository: memo(sources.getRepository),
    getLifecyclePolicy: memo(sources.getLifecyclePolicy),
    findImagesBySha: memo(sources.findImagesBySha),
    listImages: memo(sources.listImages),
    getMetrics: memo(sources.getMetrics),
    listAlarms: memo(sources.listAlarms),
    getRole: memo(sources.getRole),
    listAttachedRolePolicies: memo(sources.listAttachedRolePolicies),
    getPolicyDocument: memo(sources.getPolicyDocument),
    listRolePolicies: memo(sources.listRolePolicies),
    getRolePolicy: memo(sources.getRolePolicy),
    listOidcProviders: memo(sources.listOidcProviders),
    getOidcProvider: memo(sources.getOidcProvider),
    getSecurityGroups: memo((ids: string[]) => sources.getSecurityGroups([...new Set(ids)].sort())),
    probeHealth: memo(sources.probeHealth),
    logGroupName: sources.logGroupName,
    runtimeMetrics: sources.runtimeMetrics,
    metricDimensions: sources.metricDimensions,
    plannedAlarms: sources.plannedAlarms,
    alarmTopicArn: options.alarmTopicArn,
  }
}
