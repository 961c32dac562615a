/**
 * App Runner's shareable resources: VPC connectors and auto scaling configurations (Describe, Create,
 * List). A name used again makes a new revision, as App Runner does; ARNs are
 * `…:<kind>/<name>/<revision>/<32 hex>`.
 */
import { randomBytes } from 'node:crypto'

import { bool, num, str, strings } from '../core/input'
import { decodeOffset, page } from '../core/tokens'
import { AwsError, type Handler } from '../core/types'
import { ACCOUNT_ID, REGION } from '../world/constants'
import type { AutoScalingState, World } from '../world/shapes'
import { autoScalingOut, autoScalingSummary, invalidRequest, notFound, vpcConnectorOut } from './apprunner-out'

const resourceArn = (kind: string, name: string, revision: number) =>
  `arn:aws:apprunner:${REGION}:${ACCOUNT_ID}:${kind}/${name}/${revision}/${randomBytes(16).toString('hex')}`

const invalidToken = () => invalidRequest('Invalid NextToken')

/** An empty account has none of these; its handlers find nothing and list nothing. */
function requireWorld(world: World | null, what: string): World {
  if (!world) throw notFound(what)
  return world
}

// ------------------------------------------------------------------ VPC connectors

export const describeVpcConnector: Handler = (input, { world }) => {
  const arn = str(input.VpcConnectorArn) ?? ''
  const v = world?.vpcConnectors.find((c) => c.arn === arn)
  if (!v) throw notFound(arn)
  return { VpcConnector: vpcConnectorOut(v) }
}

export const createVpcConnector: Handler = (input, ctx) => {
  const world = requireWorld(ctx.world, str(input.VpcConnectorName) ?? '')
  const name = str(input.VpcConnectorName) ?? ''
  const subnets = strings(input.Subnets) ?? []
  const groups = strings(input.SecurityGroups) ?? []
  for (const id of subnets)
    if (!world.subnets.some((s) => s.id === id)) throw invalidRequest(`The subnet ID '${id}' does not exist in your account.`)
  const vpcs = new Set(subnets.map((id) => world.subnets.find((s) => s.id === id)?.vpcId))
  if (vpcs.size > 1) throw invalidRequest('All subnets of a VPC connector must be in the same VPC.')
  for (const id of groups) {
    const sg = world.securityGroups[id]
    if (!sg) throw invalidRequest(`The security group '${id}' does not exist in your account.`)
    if (!vpcs.has(sg.vpcId)) throw invalidRequest(`The security group '${id}' is not in the VPC of the subnets.`)
  }
  const revision = Math.max(0, ...world.vpcConnectors.filter((c) => c.name === name).map((c) => c.revision)) + 1
  const connector = {
    arn: resourceArn('vpcconnector', name, revision),
    name,
    revision,
    status: 'ACTIVE' as const,
    subnets,
    securityGroups: groups,
    createdAt: ctx.now,
  }
  world.vpcConnectors.push(connector)
  return { VpcConnector: vpcConnectorOut(connector) }
}

export const listVpcConnectors: Handler = (input, { world }) => {
  const p = page(world?.vpcConnectors ?? [], decodeOffset(input.NextToken, invalidToken), num(input.MaxResults) ?? 100)
  return { VpcConnectors: p.items.map(vpcConnectorOut), NextToken: p.next }
}

// ------------------------------------------------------------------ auto scaling configurations

/** The configurations `arn` names: one revision (full ARN, or `…/<name>/<revision>`), or a name's latest (`…/<name>`). */
function matchAutoScaling(configs: AutoScalingState[], arn: string): AutoScalingState | undefined {
  for (const a of configs) {
    const prefix = a.arn.slice(0, a.arn.indexOf(`/${a.name}/`) + a.name.length + 1)
    if (arn === a.arn || arn === `${prefix}/${a.revision}`) return a
  }
  const byName = configs.filter((a) => arn === a.arn.slice(0, a.arn.indexOf(`/${a.name}/`) + a.name.length + 1))
  return byName.sort((x, y) => y.revision - x.revision)[0]
}

export const describeAutoScalingConfiguration: Handler = (input, { world }) => {
  const arn = str(input.AutoScalingConfigurationArn) ?? ''
  const a = world ? matchAutoScaling(world.autoScalingConfigs, arn) : undefined
  if (!world || !a) throw notFound(arn)
  return { AutoScalingConfiguration: autoScalingOut(world, a) }
}

/** An auto scaling configuration by ARN, for CreateService (undefined when it does not exist). */
export const findAutoScaling = (world: World, arn: string) => matchAutoScaling(world.autoScalingConfigs, arn)

const MAX_REVISIONS = 5

export const createAutoScalingConfiguration: Handler = (input, ctx) => {
  const name = str(input.AutoScalingConfigurationName) ?? ''
  const world = requireWorld(ctx.world, name)
  if (name === 'DefaultConfiguration') throw invalidRequest('DefaultConfiguration is reserved for the default auto scaling configuration.')
  const minSize = num(input.MinSize) ?? 1
  const maxSize = num(input.MaxSize) ?? 25
  if (minSize > maxSize)
    throw invalidRequest(`MinSize (${minSize}) must be less than or equal to MaxSize (${maxSize}) in an auto scaling configuration.`)
  const revisions = world.autoScalingConfigs.filter((a) => a.name === name)
  if (revisions.length >= MAX_REVISIONS)
    throw new AwsError(
      'ServiceQuotaExceededException',
      `You have reached the maximum of ${MAX_REVISIONS} revisions for the auto scaling configuration ${name}.`,
    )
  const revision = Math.max(0, ...revisions.map((a) => a.revision)) + 1
  const config: AutoScalingState = {
    arn: resourceArn('autoscalingconfiguration', name, revision),
    name,
    revision,
    status: 'ACTIVE',
    minSize,
    maxSize,
    maxConcurrency: num(input.MaxConcurrency) ?? 100,
    createdAt: ctx.now,
  }
  world.autoScalingConfigs.push(config)
  return { AutoScalingConfiguration: autoScalingOut(world, config) }
}

export const listAutoScalingConfigurations: Handler = (input, { world }) => {
  const name = str(input.AutoScalingConfigurationName)
  const latestOnly = bool(input.LatestOnly) === true
  const configs = (world?.autoScalingConfigs ?? []).filter(
    (a, _, all) =>
      (name === undefined || a.name === name) && (!latestOnly || !all.some((o) => o.name === a.name && o.revision > a.revision)),
  )
  const p = page(configs, decodeOffset(input.NextToken, invalidToken), num(input.MaxResults) ?? 10)
  return {
    AutoScalingConfigurationSummaryList: world ? p.items.map((a) => autoScalingSummary(world, a)) : [],
    NextToken: p.next,
  }
}
